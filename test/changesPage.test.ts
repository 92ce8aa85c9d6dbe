// Issue 6 on the site: dist/<slug>/changes/ shows the summary and redline since the last signed copy, accessibly.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { type Served, serveDir } from './support/serveDir.ts';
import { REPO, run, school, TEST_TODAY_EPOCH, tempProject } from './support/tempProject.ts';

const SLUG = 'test-primary';

describe.skipIf(!browserAvailable())('the changes page', { timeout: 300_000 }, () => {
  let dist: string;
  let served: Served;
  let browser: Browser;

  beforeAll(async () => {
    const root = tempProject({ [`schools/${SLUG}.yaml`]: school() });
    mkdirSync(join(root, 'approved', SLUG), { recursive: true });
    expect((await run(root, ['pdf', SLUG, '-o', join(root, 'approved', SLUG, '2024-10-01.pdf')])).code).toBe(0);
    writeFileSync(join(root, 'schools', `${SLUG}.yaml`), school((y) => y.replace('lockout_minutes: 10', 'lockout_minutes: 5')));
    const built = spawnSync(process.execPath, [join(REPO, 'bin/policy-press.js'), 'build'], { cwd: root, env: { ...process.env, SOURCE_DATE_EPOCH: TEST_TODAY_EPOCH }, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    dist = join(root, 'dist');
    served = await serveDir(dist);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('is built, and linked from the school page', () => {
    expect(existsSync(join(dist, SLUG, 'changes/index.html'))).toBe(true);
    const page = readFileSync(join(dist, SLUG, 'index.html'), 'utf8');
    expect(page).toContain(`href="/${SLUG}/changes/"`);
    expect(page).toContain('What has changed since governors approved it on 1 October 2024');
  });

  it('announces insertions and deletions, and has no axe violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${served.url}${SLUG}/changes/`);
    await expect(page.locator('h1').innerText()).resolves.toContain('since 1 October 2024');
    const summary = await page.locator('ul').first().innerText();
    expect(summary).toContain('Screen lock-out: 10 → 5 minutes');
    // What assistive technology reads: the text content, hidden words included.
    const redline = (await page.locator('.redline').textContent()) ?? '';
    expect(redline).toMatch(/\[deleted: 10\]/);
    expect(redline).toMatch(/\[inserted: 5\]/);
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await context.close();
  });
});
