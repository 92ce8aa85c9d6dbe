// A build stopped halfway (Ctrl-C, a cancelled CI job, a machine turned off) leaves dist/ as it was and no staging folder behind.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStoppedBuilds, replaceDirectory, stagingFolder } from '../src/build/replaceDirectory.ts';
import { PARALLEL_FROM } from '../src/build/writePdfs.ts';
import { REPO, schools, TEST_TODAY_EPOCH, tempProject } from './support/tempProject.ts';

/** The id of a process that has ended. */
function endedPid(): number {
  return spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' }).pid!;
}

describe('removeStoppedBuilds', () => {
  it("removes the staging and set-aside folders of builds no longer running, and nothing else", () => {
    const root = mkdtempSync(join(tmpdir(), 'pp-stopped-'));
    const target = join(root, 'dist');
    const running = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      const ended = endedPid();
      const names = {
        ended: [`dist.staging-${ended}-a1b2c3`, `dist.old-${ended}`],
        kept: [`dist.staging-${running.pid}-d4e5f6`, `dist.old-${running.pid}`, `dist.staging-${process.pid}-g7h8i9`, 'dist', 'dist.staging-notes', 'distant.staging-1-x', 'other.staging-1-x'],
      };
      for (const name of [...names.ended, ...names.kept]) mkdirSync(join(root, name, 'oak'), { recursive: true });
      removeStoppedBuilds(target);
      expect(readdirSync(root).sort()).toEqual([...names.kept].sort());
    } finally {
      running.kill();
    }
  });

  it('publishes a staging folder in its place, and the old output goes (in the background) with nothing left beside it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pp-replace-'));
    const target = join(root, 'dist');
    mkdirSync(join(target, 'oak'), { recursive: true });
    writeFileSync(join(target, 'oak', 'index.html'), 'the last build');
    for (const build of ['first', 'second']) {
      const staging = stagingFolder(target);
      mkdirSync(join(staging, 'oak'));
      writeFileSync(join(staging, 'oak', 'index.html'), build);
      replaceDirectory(staging, target);
      // At once: the new output in place, the old one out of it.
      expect(readFileSync(join(target, 'oak', 'index.html'), 'utf8')).toBe(build);
    }
    // Then the two old outputs are removed by processes of their own.
    await expect.poll(() => readdirSync(root), { timeout: 10_000 }).toEqual(['dist']);
  });

  it('names a staging folder after the build that made it', () => {
    const root = mkdtempSync(join(tmpdir(), 'pp-stopped-'));
    expect(stagingFolder(join(root, 'dist'))).toMatch(new RegExp(`dist\\.staging-${process.pid}-\\w{6}$`));
  });
});

/** Resolves with the exit code once the child ends. */
const exitOf = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

describe('policy-press build, stopped with Ctrl-C', () => {
  it('removes its staging folder, says so, exits 130 and leaves the last dist/ as it was', async () => {
    const root = tempProject(schools(PARALLEL_FROM));
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist', 'index.html'), 'the last good build');
    const child = spawn(process.execPath, [join(REPO, 'bin/policy-press.js'), 'build'], { cwd: root, env: { ...process.env, SOURCE_DATE_EPOCH: TEST_TODAY_EPOCH }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = exitOf(child);
    // Stopped once it is building (its staging folder exists), not while it still loads the schools.
    const staging = () => readdirSync(root).filter((name) => name.startsWith('dist.staging-'));
    while (staging().length === 0) {
      if (child.exitCode !== null) throw new Error(`the build ended before it could be stopped:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('Build stopped (SIGINT): dist/ was not changed.');
    expect(staging()).toEqual([]);
    expect(readFileSync(join(root, 'dist', 'index.html'), 'utf8')).toBe('the last good build');
    expect(existsSync(join(root, 'dist', 'school-0'))).toBe(false);
  });
});
