// Live preview: `policy-press dev` serves the site, and a saved school file or template reloads the browser;
// problems show in the terminal and on the page.

import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { REPO, school, TEST_TODAY_EPOCH, tempProject } from './support/tempProject.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.skipIf(!browserAvailable())('policy-press dev', { timeout: 120_000 }, () => {
  let root: string;
  let child: ChildProcess;
  let output = '';
  let url: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    root = tempProject({
      'schools/test.yaml': `defaults: ../trusts/trust.yaml\n${school()}`,
      'trusts/trust.yaml': 'backup:\n  scope: the trust servers\n',
    });
    const port = await freePort();
    url = `http://localhost:${port}/`;
    child = spawn(process.execPath, [join(REPO, 'bin/policy-press.js'), 'dev', '--port', String(port)], {
      cwd: root,
      // Without Vitest's variables: with VITEST set, Astro's dev server answers every request 404.
      env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST'))), SOURCE_DATE_EPOCH: TEST_TODAY_EPOCH, NO_COLOR: '1' },
    });
    child.stdout!.on('data', (d) => void (output += d));
    child.stderr!.on('data', (d) => void (output += d));
    const start = Date.now();
    let status = 0;
    while ((status = await fetch(url).then((r) => r.status, () => 0)) !== 200) {
      if (Date.now() - start > 60_000 || child.exitCode !== null) {
        child.kill('SIGTERM');
        throw new Error(`the dev server did not start at ${url} (last status ${status}):\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    if (child?.pid && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });

  const edit = (path: string, change: (text: string) => string) => writeFileSync(join(root, path), change(readFileSync(join(root, path), 'utf8')));

  it('serves the index, each policy page and its self-contained file', async () => {
    expect(output).toContain('✓ 1 schools, no problems');
    await page.goto(url);
    expect(await page.locator('#school-list').innerText()).toContain('Test Primary');
    await page.goto(`${url}test/`);
    expect(await page.locator('h1').innerText()).toBe('E-Security Policy');
    expect((await fetch(`${url}test/policy.html`)).status).toBe(200);
  });

  it('reloads the page when the school file changes', async () => {
    await page.goto(`${url}test/`);
    edit('schools/test.yaml', (y) => y.replace('name: Test Primary', 'name: Renamed Primary'));
    await expect.poll(() => page.locator('.pp-masthead__school').innerText(), { timeout: 30_000 }).toBe('Renamed Primary');
  });

  it('reloads the page when a template changes', async () => {
    await page.goto(`${url}test/`);
    edit('templates/lgfl-e-security/strategic-and-operational-practices.mdx', (t) => t.replace('At this school:', 'At this school, always:'));
    await expect.poll(() => page.locator('#at-this-school').innerText(), { timeout: 30_000 }).toBe('At this school, always:');
  });

  it("reloads the page when a trust's defaults file changes", async () => {
    await page.goto(`${url}test/`);
    expect(await page.locator('#remote-backup').innerText()).toContain('the trust servers');
    edit('trusts/trust.yaml', (t) => t.replace('the trust servers', 'the trust cloud'));
    await expect.poll(() => page.locator('#remote-backup').innerText(), { timeout: 30_000 }).toContain('the trust cloud');
  });

  it('shows a validation error in the terminal and on the page, and clears it when fixed', async () => {
    await page.goto(url);
    edit('schools/test.yaml', (y) => y.replace('lockout_minutes: 10', 'lockout_minutes: ten'));
    const problems = page.locator('.pp-problems');
    await expect.poll(() => problems.isVisible().then((shown) => (shown ? problems.innerText() : '')), { timeout: 30_000 }).toContain('WRONG_TYPE');
    expect(await problems.innerText()).toContain('schools/test.yaml:');
    await expect.poll(() => output, { timeout: 10_000 }).toMatch(/schools\/test\.yaml:\d+:\d+ error WRONG_TYPE/);

    edit('schools/test.yaml', (y) => y.replace('lockout_minutes: ten', 'lockout_minutes: 10'));
    await expect.poll(() => page.locator('#school-list').innerText(), { timeout: 30_000 }).toContain('Renamed Primary');
    expect(await problems.count()).toBe(0);
  });
});
