// `policy-press build` and the site: stops on bad input leaving dist/ alone, shows progress, checks logos and colours.

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_STEPS, type BuildStep, buildProject } from '../src/build/buildProject.ts';
import { APPROVAL_FILE, type PublishedApproval, SIGNED_FILE } from '../src/build/publishSignedCopies.ts';
import { SEARCH_CACHE_DIR, SearchCache } from '../src/build/searchCache.ts';
import { SEARCH_BUNDLE_VARIABLE, searchBundles } from '../src/build/searchIndex.ts';
import { writeSite } from '../src/build/writeSite.ts';
import { PARALLEL_FROM } from '../src/build/writePdfs.ts';
import type { Io } from '../src/cli/Command.ts';
import { main } from '../src/cli/main.ts';
import { loadProject } from '../src/project/loadProject.ts';
import { createNodeWorld } from '../src/project/World.ts';
import { formatBytes } from '../src/write/html/formatBytes.ts';
import { checkJson, run, school, schools, TEST_TODAY_EPOCH, tempProject } from './support/tempProject.ts';
import { tinyPng } from './support/tinyPng.ts';

const branded = (lines: string) => school((y) => y.replace('  name: Test Primary', `  name: Test Primary\n${lines}`));

describe('logo and accent colour', () => {
  it('accepts a dark accent colour and a PNG logo beside the school file', async () => {
    const root = tempProject({ 'schools/test.yaml': branded('  logo: logos/test.png\n  accent_colour: "#1D4F91"'), 'schools/logos/test.png': tinyPng(4, 2, [0, 0, 0]) });
    const { code, diagnostics } = await checkJson(root);
    expect(diagnostics).toEqual([]);
    expect(code).toBe(0);
    const doc = loadProject(createNodeWorld(root)).documents.get('test')!;
    expect(doc.meta.branding).toEqual({ logo: 'schools/logos/test.png', accentColour: '#1d4f91' });
  });

  it('rejects an accent colour white text cannot be read on, at the field, with a darker colour to use', async () => {
    const root = tempProject({ 'schools/test.yaml': branded('  accent_colour: "#ffdd00"') });
    const { code, diagnostics } = await checkJson(root);
    expect(code).toBe(1);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'ACCENT_LOW_CONTRAST', severity: 'error', file: 'schools/test.yaml', line: 4, column: 18 })]);
    expect(diagnostics[0]!.hint).toMatch(/"#[0-9a-f]{6}"/);
  });

  it('rejects a colour that is not #rrggbb', async () => {
    const root = tempProject({ 'schools/test.yaml': branded('  accent_colour: navy') });
    expect((await checkJson(root)).diagnostics).toEqual([expect.objectContaining({ code: 'INVALID_COLOUR', line: 4, column: 18 })]);
  });

  it('reports a missing, oversized, mislabelled or non-image logo at the field', async () => {
    const cases: [string, Record<string, Uint8Array>, string][] = [
      ['logos/none.png', {}, 'LOGO_NOT_FOUND'],
      ['logos/logo.svg', { 'schools/logos/logo.svg': new TextEncoder().encode('<svg onload="alert(1)"/>') }, 'LOGO_FORMAT'],
      ['logos/fake.png', { 'schools/logos/fake.png': new TextEncoder().encode('not a png at all') }, 'LOGO_FORMAT'],
      ['logos/huge.png', { 'schools/logos/huge.png': new Uint8Array(600 * 1024).fill(0x89) }, 'LOGO_TOO_LARGE'],
      ['../../outside.png', {}, 'LOGO_NOT_FOUND'],
    ];
    for (const [logo, files, code] of cases) {
      const root = tempProject({ 'schools/test.yaml': branded(`  logo: ${logo}`), ...files });
      expect((await checkJson(root)).diagnostics, logo).toEqual([expect.objectContaining({ code, file: 'schools/test.yaml', line: 4, column: 9 })]);
    }
  });
});

describe('school file names', () => {
  it('may not take a folder the website uses', async () => {
    const root = tempProject({ 'schools/search.yaml': school(), 'schools/pagefind.yaml': school() });
    const { diagnostics } = await checkJson(root);
    expect(diagnostics.map((d) => [d.code, d.file])).toEqual([
      ['RESERVED_SLUG', 'schools/pagefind.yaml'],
      ['RESERVED_SLUG', 'schools/search.yaml'],
    ]);
  });
});

describe('build', () => {
  it('stops with the diagnostics on any error, leaving the previous dist/ exactly as it was', async () => {
    const root = tempProject({ 'schools/test.yaml': school((y) => y.replace('lockout_minutes: 10', 'lockout_minutes: ten')) });
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist/index.html'), 'the last good site');
    const result = await run(root, ['build']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('WRONG_TYPE');
    expect(result.stderr).toContain('Build stopped: dist/ was not changed.');
    expect(readFileSync(join(root, 'dist/index.html'), 'utf8')).toBe('the last good site');
  });

  it('builds byte-identical sites from the same inputs, with PDFs on worker threads and the search index fed as pages render, in bundles', async () => {
    const files = schools(PARALLEL_FROM, (i) => `${String.fromCharCode(90 - i)} Primary`);
    const root = tempProject(files);
    // The search page and 12 schools, at most 5 pages a bundle: three bundles, of 5, 5 and 3 pages.
    const env = { SOURCE_DATE_EPOCH: TEST_TODAY_EPOCH, POLICY_PRESS_SEARCH_BUNDLE_PAGES: '5' };
    for (const out of ['one', 'two']) expect((await run(root, ['build', '--no-cache', '--out', out], env)).code).toBe(0);
    const listing = (dir: string): string[] => (readdirSync(join(root, dir), { recursive: true }) as string[]).sort();
    expect(listing('two')).toEqual(listing('one'));
    expect(listing('one')).toContain(join('pagefind', 'pagefind.js'));
    const fragments = (bundle: string) => listing('one').filter((f) => f.startsWith(join(bundle, 'fragment') + sep));
    // The search page has no data-pagefind-body, so the first bundle holds four policies.
    expect([fragments('pagefind'), fragments('pagefind/part-2'), fragments('pagefind/part-3')].map((f) => f.length)).toEqual([4, 5, 3]);
    expect(listing('one').some((f) => f.startsWith(join('pagefind', 'part-4')))).toBe(false);
    for (const file of listing('one')) {
      const a = join(root, 'one', file);
      if (!existsSync(a) || !statSync(a).isFile()) continue;
      expect(Buffer.compare(readFileSync(a), readFileSync(join(root, 'two', file))), file).toBe(0);
    }
  });

  it('copies the search bundles whose pages are all unchanged from the cache, and indexes again only the bundle of a changed school', async () => {
    const files = schools(PARALLEL_FROM, (i) => `${String.fromCharCode(90 - i)} Primary`);
    const root = tempProject(files);
    // Three bundles: the search page and the schools by name, O to S, T to X, then Y and Z.
    const env = { SOURCE_DATE_EPOCH: TEST_TODAY_EPOCH, [SEARCH_BUNDLE_VARIABLE]: '5' };
    expect((await run(root, ['build'], env)).code).toBe(0);
    const cache = join(root, SEARCH_CACHE_DIR);
    const kept = readdirSync(cache).filter((name) => name !== 'manifest.json');
    expect(kept).toHaveLength(3);
    // Marks each kept bundle, so a copy from the cache shows in dist/.
    for (const key of kept) writeFileSync(join(cache, key, 'from-the-cache'), key);
    // Z Primary (school-0), in the last bundle, says something new.
    writeFileSync(join(root, 'schools/school-0.yaml'), school((y) => y.replace('name: Test Primary', 'name: Z Primary').replace('lockout_minutes: 10', 'lockout_minutes: 5')));
    expect((await run(root, ['build'], env)).code).toBe(0);
    const marked = (dir: string) => ['pagefind', 'pagefind/part-2', 'pagefind/part-3'].map((bundle) => existsSync(join(root, dir, bundle, 'from-the-cache')));
    expect(marked('dist')).toEqual([true, true, false]);
    // The cache keeps this build's bundles only: the changed one replaces its old copy.
    const now = readdirSync(cache).filter((name) => name !== 'manifest.json');
    expect(now).toHaveLength(3);
    expect(now.filter((key) => kept.includes(key))).toHaveLength(2);
    // What the cache gave is what indexing every page again gives (--no-cache), byte for byte.
    expect((await run(root, ['build', '--no-cache', '--out', 'fresh'], env)).code).toBe(0);
    expect(marked('fresh')).toEqual([false, false, false]);
    const index = (dir: string) => (readdirSync(join(root, dir, 'pagefind'), { recursive: true }) as string[]).filter((f) => !f.endsWith('from-the-cache')).sort();
    expect(index('dist')).toEqual(index('fresh'));
    for (const file of index('fresh')) {
      const a = join(root, 'fresh', 'pagefind', file);
      if (statSync(a).isFile()) expect(Buffer.compare(readFileSync(a), readFileSync(join(root, 'dist', 'pagefind', file))), file).toBe(0);
    }
  });

  it('makes every search bundle again when the cache has no manifest it can read', () => {
    const root = tempProject({ 'schools/test.yaml': school() });
    mkdirSync(join(root, SEARCH_CACHE_DIR), { recursive: true });
    for (const manifest of ['not json', '{"folder": "pagefind"}', '[{"folder": "pagefind", "key": 1}]']) {
      writeFileSync(join(root, SEARCH_CACHE_DIR, 'manifest.json'), manifest);
      expect(new SearchCache(root).previous.size, manifest).toBe(0);
    }
  });

  it('splits the search index into as few bundles as hold the pages, as even as can be', () => {
    expect(searchBundles(1)).toEqual([{ folder: 'pagefind', start: 0, end: 1 }]);
    expect(searchBundles(125)).toHaveLength(1);
    expect(searchBundles(126).map((b) => b.end - b.start)).toEqual([63, 63]);
    // 1,000 schools and the search page.
    expect(searchBundles(1001).map((b) => [b.folder, b.end - b.start])).toEqual([
      ['pagefind', 112],
      ...[2, 3, 4, 5, 6, 7, 8].map((n) => [`pagefind/part-${n}`, 112]),
      ['pagefind/part-9', 105],
    ]);
    // Every page in exactly one bundle, in order, for any size.
    for (const [pages, per] of [[10, 1], [10, 3], [7, 2], [13, 5]] as const) {
      const bundles = searchBundles(pages, per);
      expect(bundles.every((b, i) => b.start === (bundles[i - 1]?.end ?? 0) && b.end > b.start && b.end - b.start <= per), `${pages} by ${per}`).toBe(true);
      expect(bundles.at(-1)!.end).toBe(pages);
    }
  });

  it(`stops with a message when ${SEARCH_BUNDLE_VARIABLE} is not a number of pages, and writes no dist/`, async () => {
    // Enough schools for the PDFs to be made on worker threads: the build stops them, and the pages that would have waited for them.
    const root = tempProject(schools(PARALLEL_FROM));
    const result = await run(root, ['build'], { SOURCE_DATE_EPOCH: TEST_TODAY_EPOCH, [SEARCH_BUNDLE_VARIABLE]: 'lots' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${SEARCH_BUNDLE_VARIABLE} is "lots", not a number of pages`);
    expect(result.stderr).toContain('Build stopped: dist/ was not changed.');
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });

  it('builds the site last, after the steps whose files its pages link to', () => {
    expect(BUILD_STEPS.at(-1)).toBe(writeSite);
  });

  it('links each page to its PDF with the size, when an earlier step wrote one', async () => {
    const root = tempProject({ 'schools/test.yaml': school() });
    const project = loadProject(createNodeWorld(root));
    const fakePdf = async (_p: unknown, staging: string) => {
      mkdirSync(join(staging, 'test'), { recursive: true });
      writeFileSync(join(staging, 'test/policy.pdf'), new Uint8Array(84_000));
    };
    const out = await buildProject(project, { root, env: { SOURCE_DATE_EPOCH: TEST_TODAY_EPOCH } }, [fakePdf, writeSite]);
    const page = readFileSync(join(out, 'test/index.html'), 'utf8');
    expect(page).toContain(`href="/test/policy.pdf">Download this policy as a PDF<span class="pp-download__meta"> (PDF, ${formatBytes(84_000)})</span>`);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('(PDF, 82 KB)');
    expect(existsSync(join(out, 'test/policy.html'))).toBe(true);
    expect(existsSync(join(out, 'pagefind/pagefind.js'))).toBe(true);
  });

  it("writes each school's policy.html with its page when the site is built on its own, with no earlier step to make the school's folder", async () => {
    const root = tempProject({ 'schools/test.yaml': school() });
    const out = await buildProject(loadProject(createNodeWorld(root)), { root, env: { SOURCE_DATE_EPOCH: TEST_TODAY_EPOCH } }, [writeSite]);
    expect(readFileSync(join(out, 'test/policy.html'), 'utf8')).toContain('<title>E-Security Policy: Test Primary</title>');
  });

  it('renders meanwhile, and a page waits for a PDF another thread is still writing', async () => {
    const root = tempProject({ 'schools/test.yaml': school() });
    const project = loadProject(createNodeWorld(root));
    const order: string[] = [];
    const slowPdf: BuildStep = async (_p, staging, _o, pending) => {
      const written = new Promise<void>((resolve) =>
        setTimeout(() => {
          mkdirSync(join(staging, 'test'), { recursive: true });
          writeFileSync(join(staging, 'test/policy.pdf'), new Uint8Array(84_000));
          order.push('pdf written');
          resolve();
        }, 300),
      );
      pending.add('test/policy.pdf', written);
      order.push('step returned');
    };
    const out = await buildProject(project, { root, env: { SOURCE_DATE_EPOCH: TEST_TODAY_EPOCH } }, [slowPdf, writeSite]);
    expect(order).toEqual(['step returned', 'pdf written']);
    expect(readFileSync(join(out, 'test/index.html'), 'utf8')).toContain(`(PDF, ${formatBytes(84_000)})`);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('(PDF, 82 KB)');
  });

  it('fails, leaving the last good output, when a file still being written fails', async () => {
    const root = tempProject({ 'schools/test.yaml': school(), 'dist/index.html': 'the last good site' });
    const project = loadProject(createNodeWorld(root));
    const failing: BuildStep = async (_p, _s, _o, pending) => {
      pending.add('test/policy.pdf', new Promise((_resolve, reject) => setTimeout(() => reject(new Error('the PDF worker stopped')), 50)));
    };
    await expect(buildProject(project, { root }, [failing])).rejects.toThrow('the PDF worker stopped');
    expect(readFileSync(join(root, 'dist/index.html'), 'utf8')).toBe('the last good site');
    expect(readdirSync(root).filter((name) => name.includes('staging'))).toEqual([]);
  });

  it("links the governors' signed copy and says who signed it, when the signed-copy step published one", async () => {
    const root = tempProject({ 'schools/test.yaml': school() });
    const project = loadProject(createNodeWorld(root));
    const published: PublishedApproval = {
      status: 'signed',
      sentence: 'Approved and signed by Jane Smith, Chair of Governors, on 5 October 2024',
      approvedOn: '2024-10-05',
      file: SIGNED_FILE,
      sha256: 'c0ffee'.padEnd(64, '0'),
      signers: [{ name: 'Jane Smith', role: 'Chair of Governors', date: '2024-10-05' }],
    };
    const fakeSigned = async (_p: unknown, staging: string) => {
      mkdirSync(join(staging, 'test'), { recursive: true });
      writeFileSync(join(staging, 'test', SIGNED_FILE), new Uint8Array(90_000));
      writeFileSync(join(staging, 'test', APPROVAL_FILE), JSON.stringify(published));
    };
    const out = await buildProject(project, { root, env: { SOURCE_DATE_EPOCH: TEST_TODAY_EPOCH } }, [fakeSigned, writeSite]);
    const page = readFileSync(join(out, 'test/index.html'), 'utf8');
    expect(page).toContain(`href="/test/${SIGNED_FILE}">Download the copy signed by governors<span class="pp-download__meta"> (PDF, 88 KB)</span>`);
    expect(page).toContain(published.sha256);
    expect(page).toContain(published.sentence);
  });

  it('shows progress on a terminal and one summary line in a log', async () => {
    const root = tempProject({ 'schools/a.yaml': school(), 'schools/b.yaml': school((y) => y.replace('Test Primary', 'Other Primary')) });
    const build = async (isTTY: boolean) => {
      let stderr = '';
      const env = { SOURCE_DATE_EPOCH: TEST_TODAY_EPOCH };
      const io: Io = { stdout: () => {}, stderr: (t) => void (stderr += t), isTTY, env, cwd: root, world: createNodeWorld(root, env) };
      expect(await main(['build', '--out', join(root, isTTY ? 'tty' : 'log')], io)).toBe(0);
      return stderr;
    };
    const log = await build(false);
    expect(log).not.toContain('\r');
    expect(log).toMatch(/^built 2\/2 texts, 2\/2 PDFs, 2\/2 pages, 1\/1 search index\n✓ 2 schools → /);
    expect(log).not.toContain('loading');
    const tty = await build(true);
    expect(tty).toContain('\r\u001b[2K');
    // The loading line, then cleared before anything else is written.
    expect(tty).toMatch(/^\r\u001b\[2Kloading schools 1\/2\r\u001b\[2Kloading schools 2\/2\r\u001b\[2K\r\u001b\[2Ktexts 1\/2/);
    expect(tty).toMatch(/pages 1\/2/);
    expect(tty).toMatch(/pages 2\/2/);
    expect(tty).toMatch(/search index 0\/1/);
  });

  it('makes the folders --out needs, and says plainly when it cannot', async () => {
    const root = tempProject({ 'schools/test.yaml': school(), 'a-file': 'not a folder' });
    const made = await run(root, ['build', '--out', 'public/policies/site']);
    expect(made.code).toBe(0);
    expect(existsSync(join(root, 'public/policies/site/test/index.html'))).toBe(true);
    const blocked = await run(root, ['build', '--out', 'a-file/site']);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain(`CANNOT_WRITE cannot make the site's staging folder beside ${join(root, 'a-file/site')}: a file, not a folder, is on that path`);
    expect(blocked.stderr).toContain('Build stopped: dist/ was not changed.');
    expect(readFileSync(join(root, 'a-file'), 'utf8')).toBe('not a folder');
  });

  it('serves the site under a base path when asked', async () => {
    const root = tempProject({ 'schools/test.yaml': school() });
    const result = await run(root, ['build', '--base', 'trust/policies']);
    expect(result.code).toBe(0);
    const index = readFileSync(join(root, 'dist/index.html'), 'utf8');
    expect(index).toContain('href="/trust/policies/test/"');
    expect(index).toContain('action="/trust/policies/search/"');
    expect(readFileSync(join(root, 'dist/search/index.html'), 'utf8')).toContain('data-base="/trust/policies/"');
  });
});
