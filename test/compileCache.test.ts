// Every command keeps Node's compiled code for the next run (src/cli/compileCache.ts), worker threads included.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO } from './support/tempProject.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function emptyFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'pp-compile-cache-'));
  folders.push(folder);
  return folder;
}
const filesUnder = (folder: string): string[] => readdirSync(folder, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);

describe('the compile cache', () => {
  it('is written by a command, in the folder NODE_COMPILE_CACHE names', () => {
    const folder = emptyFolder();
    execFileSync(process.execPath, [join(REPO, 'bin/policy-press.js'), '--help'], { env: { ...process.env, NODE_COMPILE_CACHE: folder }, encoding: 'utf8' });
    // One file per module compiled: policy-press's own and its dependencies'.
    expect(filesUnder(folder).length).toBeGreaterThan(20);
  });

  it('is used by the worker threads a command starts', () => {
    const folder = emptyFolder();
    const module = pathToFileURL(join(REPO, 'src/cli/compileCache.ts')).href;
    const script = `
      (await import(${JSON.stringify(module)})).useCompileCache();
      const { Worker } = await import('node:worker_threads');
      const worker = new Worker("const [{ parentPort }, { getCompileCacheDir }] = await Promise.all([import('node:worker_threads'), import('node:module')]); parentPort.postMessage(getCompileCacheDir() ?? 'none');", { eval: true });
      worker.on('message', (dir) => { process.stdout.write(dir); worker.terminate(); });`;
    // Not named by the environment this time: the folder the main thread chose reaches the worker.
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: folder };
    delete env.NODE_COMPILE_CACHE;
    const dir = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' });
    expect(dir.startsWith(join(folder, 'node-compile-cache'))).toBe(true);
  });
});
