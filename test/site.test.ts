// The website in a real browser (Debian's chromium): accessibility, keyboard, reflow, literal values, same words as
// `policy-press text`, search, filter, print, base path and the self-contained policy.html.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../src/write/html/formatBytes.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { type Served, serveDir } from './support/serveDir.ts';
import { REPO, run, TEST_TODAY_EPOCH, tempProject } from './support/tempProject.ts';
import { tinyPng } from './support/tinyPng.ts';

const BASE = '/policies/';
const HOSTILE = 'oak';
const SHOTS = join(REPO, 'test/.tmp/screenshots');

/** The words of `policy-press text`, without its plain-text marks (# headings, - and 1. bullets, "Table:", cell bars). */
export function plainTextWords(text: string): string[] {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/^#+ /, '')
        .replace(/^\s*(?:- |\d+\. )/, '')
        .replace(/^Table: /, '')
        .replaceAll(' | ', ' '),
    )
    .join(' ')
    .split(/\s+/)
    .filter(Boolean);
}

describe.skipIf(!browserAvailable())('the website, in a real browser', { timeout: 300_000 }, () => {
  let root: string;
  let dist: string;
  let served: Served;
  let browser: Browser;
  let slugs: string[];

  beforeAll(async () => {
    // Every example school, plus one whose values are all things a browser would act on.
    root = tempProject({
      [`schools/${HOSTILE}.yaml`]: readFileSync(join(REPO, 'test/fixtures/site/hostile-values.yaml')),
      'schools/logos/oak.png': tinyPng(120, 60, [255, 191, 71]),
    });
    for (const dir of ['schools', 'trusts']) if (existsSync(join(REPO, dir))) cpSync(join(REPO, dir), join(root, dir), { recursive: true });
    const built = spawnSync(process.execPath, [join(REPO, 'bin/policy-press.js'), 'build', '--base', BASE], {
      cwd: root,
      // Three pages a search bundle, so search is tested across bundles, as a large site has them.
      env: { ...process.env, SOURCE_DATE_EPOCH: TEST_TODAY_EPOCH, POLICY_PRESS_SEARCH_BUNDLE_PAGES: '3' },
      encoding: 'utf8',
    });
    expect(built.stderr).toMatch(/✓ \d+ schools/);
    expect(built.status).toBe(0);
    dist = join(root, 'dist');
    slugs = (await import('node:fs')).readdirSync(dist).filter((d) => existsSync(join(dist, d, 'policy.txt'))).sort();
    served = await serveDir(dist, BASE);
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  /** One tab per screen width, reused across tests (a browser context is slow to make); `problems` lists any
   *  dialog (alert), page error, failed request or error response since the last `open`. */
  const tabs = new Map<number, { page: Page; problems: string[] }>();
  async function open(path: string, width = 1280): Promise<{ page: Page; problems: string[] }> {
    let tab = tabs.get(width);
    if (!tab || tab.page.isClosed()) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('dialog', (d) => {
        problems.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
      page.on('response', (r) => {
        if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
      });
      tab = { page, problems };
      tabs.set(width, tab);
    }
    tab.problems.length = 0;
    await tab.page.emulateMedia({ media: 'screen' });
    const response = await tab.page.goto(`${served.url}${path}`);
    expect(response?.status(), path).toBe(200);
    return tab;
  }

  async function axe(page: Page, label: string): Promise<void> {
    const { violations } = await new AxeBuilder({ page }).analyze();
    const report = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
    expect(report, `axe violations on ${label}`).toEqual([]);
  }

  const pages = () => ['', 'search/', ...slugs.map((s) => `${s}/`), ...slugs.map((s) => `${s}/policy.html`)];

  it('builds a page and a self-contained file for every school, under the base path', () => {
    expect(slugs.length).toBeGreaterThanOrEqual(6);
    for (const slug of slugs) {
      expect(existsSync(join(dist, slug, 'index.html')), slug).toBe(true);
      expect(existsSync(join(dist, slug, 'policy.html')), slug).toBe(true);
    }
    expect(existsSync(join(dist, 'index.html'))).toBe(true);
    expect(existsSync(join(dist, 'pagefind/pagefind.js'))).toBe(true);
    const index = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(index).toContain(`href="${BASE}${slugs[0]}/"`);
    expect(index).not.toMatch(/(?:href|src|action)="\/(?!policies\/)/);
  });

  it('has no axe (WCAG 2.2 AA and best-practice) violations on any page, at 1280 px and at 320 px', async () => {
    // Every page wide; narrow, one of each kind (the layout differs by kind, not by school).
    const narrow = ['', 'search/', `${HOSTILE}/`, `${HOSTILE}/policy.html`];
    for (const width of [1280, 320]) {
      for (const path of width === 1280 ? pages() : narrow) {
        const { page, problems } = await open(path, width);
        await axe(page, `${path || 'index'} at ${width}px`);
        expect(problems, path).toEqual([]);
      }
    }
    // The search page with results showing, and the index with the filter in use.
    const { page } = await open('search/?q=encrypted');
    await page.locator('.pp-result').first().waitFor();
    await axe(page, 'search results');
  });

  it('declares British English, one h1, headings in order, landmarks, and captioned tables with header cells', async () => {
    for (const path of pages()) {
      const { page } = await open(path);
      const facts = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        h1: document.querySelectorAll('h1').length,
        levels: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1])),
        mains: document.querySelectorAll('main').length,
        tables: [...document.querySelectorAll('table')].map((t) => ({ caption: t.caption?.textContent?.trim() ?? '', th: t.querySelectorAll('th').length })),
      }));
      expect(facts.lang, path).toBe('en-GB');
      expect(facts.h1, path).toBe(1);
      expect(facts.mains, path).toBe(1);
      facts.levels.forEach((level, i) => expect(level - (facts.levels[i - 1] ?? 0), `${path} heading ${i}`).toBeLessThanOrEqual(1));
      for (const table of facts.tables) {
        expect(table.caption, path).not.toBe('');
        expect(table.th, path).toBeGreaterThan(0);
      }
    }
  });

  it('reflows at 320 px, and at 200% zoom (640 px), without horizontal scrolling', async () => {
    for (const width of [320, 640]) {
      for (const path of pages()) {
        const { page } = await open(path, width);
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(scroll, `${path} at ${width}px`).toBeLessThanOrEqual(width);
        // No table cell or summary row breaks a word that fits on a line: a key column a third of a
        // phone's width once broke "reviewed" into "reviewe d". (Long values, e.g. URLs, may still break.)
        const broken = await page.evaluate(() => {
          const found: string[] = [];
          for (const cell of document.querySelectorAll('main th, main td, main dt, main dd')) {
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              for (const match of (node.textContent ?? '').matchAll(/(?<!\S)\S{2,16}(?!\S)/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
                if (lines.size > 1) found.push(match[0]);
              }
            }
          }
          return found;
        });
        expect(broken, `words broken across lines on ${path} at ${width}px`).toEqual([]);
      }
    }
  });

  it("shows a table's caption once: one that repeats the heading above it is read out, not shown again", async () => {
    for (const width of [1280, 320]) {
      const { page } = await open(`${slugs[0]}/`, width);
      const captions = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLTableElement>('.pp-body table')].map((t) => {
          const heading = t.previousElementSibling?.matches('h2, h3, h4') ? t.previousElementSibling.textContent : undefined;
          const box = t.caption!.getBoundingClientRect();
          return { caption: t.caption!.textContent, repeats: heading === t.caption!.textContent, shown: box.width > 1 && box.height > 1 };
        }),
      );
      expect(captions.filter((c) => c.repeats).length, `${slugs[0]} has a table under a heading of the same words`).toBeGreaterThan(0);
      for (const c of captions) expect(c.shown, `${c.caption} at ${width}px`).toBe(!c.repeats);
    }
    // Still the table's accessible name.
    const { page } = await open(`${slugs[0]}/`);
    await expect.poll(() => page.getByRole('table', { name: 'Policy details' }).count()).toBe(1);
  });

  it('lets a keyboard user skip to the content, with the focus always visible', async () => {
    for (const path of ['', `${slugs[0]}/`, 'search/']) {
      const { page } = await open(path);
      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const box = el.getBoundingClientRect();
        return { text: el.textContent, href: el.getAttribute('href'), visible: box.width > 0 && box.height > 0 && box.top >= 0 };
      });
      expect(skip, path).toEqual({ text: 'Skip to main content', href: '#main-content', visible: true });
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id), path).toBe('main-content');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main'))), path).toBe(true);
    }

    // Every stop on a walk through a policy page shows where the focus is.
    const { page } = await open(`${HOSTILE}/`);
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        if (el === document.body) return undefined;
        const style = getComputedStyle(el);
        const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0 && style.outlineColor !== 'rgba(0, 0, 0, 0)';
        return { what: `${el.tagName} ${el.textContent?.slice(0, 30)}`, shown: outline || style.boxShadow !== 'none' || style.backgroundColor === 'rgb(255, 221, 0)' };
      });
      if (!focus) break; // past the last stop
      expect(focus.shown, focus.what).toBe(true);
    }
  });

  it('shows every hostile value as the literal text typed, and runs none of it', async () => {
    for (const path of [`${HOSTILE}/`, `${HOSTILE}/policy.html`, '']) {
      const { page, problems } = await open(path);
      await page.waitForTimeout(200);
      const seen = await page.evaluate(() => ({
        text: document.body.innerText,
        pwned: (window as unknown as { __pwned?: number }).__pwned,
        scripts: [...document.querySelectorAll('article script, .pp-schools script')].length,
        injected: document.querySelectorAll('main b, main iframe, main img:not(.pp-masthead__logo img), main h1 h1, main em em').length,
        javascriptLinks: [...document.querySelectorAll('a')].filter((a) => a.getAttribute('href')?.toLowerCase().includes('javascript')).length,
      }));
      expect(seen.pwned, path).toBeUndefined();
      expect(seen, path).toMatchObject({ scripts: 0, injected: 0, javascriptLinks: 0 });
      expect(problems, path).toEqual([]);
      expect(seen.text).toContain('Oak {Academy} <Trust> & *Partners*');
      if (path) {
        for (const literal of [
          '<script>window.__pwned = 1; alert(1)</script> is the Senior Information Risk Officer',
          '{{constructor}} {x}',
          '[link](javascript:alert(6)) **bold** `code` {{#each x}}',
          '**bold?** _emphasis?_ # not a heading {x} {{school.name}} ${alert(7)} &amp; pwnedword',
          '<h1>Pupil data</h1>',
        ]) {
          expect(seen.text, `${path}: ${literal}`).toContain(literal);
        }
      }
      if (path === `${HOSTILE}/`) {
        expect(seen.text).toContain('<img src=x onerror="window.__pwned = 2">');
        expect(seen.text).toContain('</td></tr></table><script>window.__pwned = 3</script>');
        expect(seen.text).toContain('<iframe src="javascript:alert(4)"></iframe> [click](javascript:alert(5))');
      }
    }
  });

  it("shows the same words in the same order as `policy-press text`, for every school's page and policy.html", async () => {
    for (const slug of slugs) {
      const expected = plainTextWords((await run(root, ['text', slug])).stdout);
      for (const path of [`${slug}/`, `${slug}/policy.html`]) {
        const { page } = await open(path);
        // The review details, download link and contents are about the policy, not part of it.
        const text = await page.evaluate(() => {
          const about = document.querySelector<HTMLElement>('.pp-about');
          if (about) about.style.display = 'none';
          return document.querySelector<HTMLElement>('article.pp-policy')!.innerText;
        });
        expect(text.split(/\s+/).filter(Boolean), path).toEqual(expected);
      }
    }
  });

  it('gives headings the section ids, linked from the contents list', async () => {
    const { page } = await open(`${HOSTILE}/`);
    const { ids, targets } = await page.evaluate(() => ({
      ids: [...document.querySelectorAll('.pp-body h2')].map((h) => h.id),
      targets: [...document.querySelectorAll<HTMLAnchorElement>('.pp-contents a')].map((a) => a.hash.slice(1)),
    }));
    expect(ids).toEqual(expect.arrayContaining(['policy-details', 'strategic', 'technical', 'information-assets']));
    for (const target of targets) expect(await page.locator(`[id="${target}"]`).count(), target).toBe(1);
    expect(await page.locator('#hostile-clause').textContent()).toContain('pwnedword');
  });

  it('lists every school with its title, review dates, status in words and links, and filters by name', async () => {
    const { page } = await open('');
    const items = page.locator('#school-list > li');
    expect(await items.count()).toBe(slugs.length);
    const oak = items.filter({ hasText: 'Oak {Academy}' });
    await expect.poll(() => oak.innerText()).toMatch(/E-Security Policy[\s\S]*September 2024[\s\S]*28 February 2025[\s\S]*Due within 60 days/);
    expect(await oak.locator(`a[href="${BASE}${HOSTILE}/"]`).count()).toBe(1);
    if (existsSync(join(dist, HOSTILE, 'policy.pdf'))) {
      expect(await oak.locator(`a[href="${BASE}${HOSTILE}/policy.pdf"]`).innerText()).toContain(formatBytes(statSync(join(dist, HOSTILE, 'policy.pdf')).size));
    }

    await page.getByLabel('Filter by school name').fill('kingf');
    await expect.poll(() => page.locator('#school-list > li:not([hidden])').count()).toBe(1);
    expect(await page.locator('#school-list > li:not([hidden])').innerText()).toContain('Kingfisher');
    await expect.poll(() => page.getByRole('status').innerText()).toBe(`1 of ${slugs.length} schools shown`);
    await page.getByLabel('Filter by school name').fill('no such school');
    await expect.poll(() => page.locator('[data-filter-none]').isVisible()).toBe(true);
  });

  it('offers the PDF with its size on each page when the build made one', async () => {
    for (const slug of slugs) {
      const pdf = join(dist, slug, 'policy.pdf');
      const { page } = await open(`${slug}/`);
      const link = page.locator('.pp-download a[href$="/policy.pdf"]');
      if (existsSync(pdf)) {
        expect(await link.getAttribute('href')).toBe(`${BASE}${slug}/policy.pdf`);
        expect(await link.innerText()).toContain(`(PDF, ${formatBytes(statSync(pdf).size)})`);
        expect((await page.request.get(`${served.url}${slug}/policy.pdf`)).status()).toBe(200);
      } else {
        expect(await link.count()).toBe(0);
      }
    }
  });

  it('finds words in every policy with Pagefind, under the base path, showing values as text', async () => {
    const { page, problems } = await open('search/');
    await page.getByLabel("Words to find in every school's policy").fill('Kingfisher');
    await page.getByRole('button', { name: 'Search' }).click();
    const first = page.locator('.pp-result a').first();
    await first.waitFor();
    expect(await first.getAttribute('href')).toMatch(new RegExp(`^${BASE}kingfisher-primary-academy/`));
    expect(await page.getByRole('status').innerText()).toMatch(/polic(y|ies) contains? “Kingfisher”/);

    await page.getByLabel("Words to find in every school's policy").fill('pwnedword');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('.pp-result', { hasText: 'Oak {Academy}' }).waitFor();
    const result = await page.locator('.pp-result').first().innerText();
    expect(result).toContain('Oak {Academy} <Trust> & *Partners*: E-Security Policy');
    expect(result).toContain('pwnedword');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.pp-results script, .pp-results b, .pp-results img').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('searches every bundle of the index as one: a word in every policy finds every school', async () => {
    // The search page and the schools, three pages a bundle: pagefind/, pagefind/part-2/, …
    const bundles = Math.ceil((slugs.length + 1) / 3);
    expect(bundles).toBeGreaterThan(2);
    for (let n = 2; n <= bundles; n++) expect(existsSync(join(dist, `pagefind/part-${n}/pagefind-entry.json`)), `bundle ${n}`).toBe(true);
    const { page, problems } = await open('search/');
    await page.getByLabel("Words to find in every school's policy").fill('security');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toBe(`${slugs.length} policies contain “security”.`);
    const found = await page.locator('.pp-result__title a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(found.map((path) => path.slice(BASE.length).split('/')[0]).sort()).toEqual(slugs);
    expect(problems).toEqual([]);
  });

  it('prints just the policy, with the address of every web link written out', async () => {
    const { page } = await open(`${HOSTILE}/`);
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() => {
      const display = (selector: string) => [...document.querySelectorAll(selector)].map((el) => getComputedStyle(el).display);
      return {
        hidden: ['.pp-header', '.pp-breadcrumbs', '.pp-footer', '.pp-contents', '.pp-download', '.pp-skip-link'].flatMap(display),
        article: getComputedStyle(document.querySelector('article')!).display,
        linkAfter: [...document.querySelectorAll<HTMLAnchorElement>('.pp-body a[href^="http"]')].map((a) => getComputedStyle(a, '::after').content),
      };
    });
    expect(new Set(shown.hidden)).toEqual(new Set(['none']));
    expect(shown.article).toBe('block');
    for (const content of shown.linkAfter) expect(content).toMatch(/attr\(href\)/);
    await page.screenshot({ path: join(SHOTS, 'policy-print.png'), fullPage: true });
  });

  it('makes policy.html stand alone: styles and logo inline, no scripts, nothing fetched, works without JavaScript', async () => {
    const html = readFileSync(join(dist, HOSTILE, 'policy.html'), 'utf8');
    expect(html).not.toMatch(/<script|<link |@import|url\(/i);
    expect(html).toMatch(/<img src="data:image\/png;base64,/);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('data:')) requests.push(r.url());
    });
    await page.goto(`${served.url}${HOSTILE}/policy.html`);
    expect(requests).toEqual([`${served.url}${HOSTILE}/policy.html`]);
    expect(await page.locator('h1').innerText()).toBe('E-Security Policy');
    expect(await page.locator('.pp-masthead__logo img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);
    expect(await page.locator('.pp-masthead').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 112, 60)');
    await context.close();
  });

  it("shows the school's logo and accent colour on its page", async () => {
    const { page } = await open(`${HOSTILE}/`);
    expect(await page.locator('.pp-masthead__logo img').getAttribute('src')).toBe(`${BASE}${HOSTILE}/logo.png`);
    expect(await page.locator('.pp-masthead__logo img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);
    expect(await page.locator('.pp-masthead').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 112, 60)');
  });

  it('takes screenshots at 320 and 1280 px to look at (test/.tmp/screenshots/)', async () => {
    for (const [name, path] of [
      ['index', ''],
      ['policy', `${HOSTILE}/`],
      ['search', 'search/?q=password'],
    ] as const) {
      for (const width of [320, 1280]) {
        const { page } = await open(path, width);
        if (name === 'search') await page.locator('.pp-result').first().waitFor();
        await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
      }
    }
  });
});
