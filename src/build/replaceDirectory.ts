// Publish a fully built staging folder as dist/ in one step, so a failed build never leaves dist/ half-written.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * A new, empty staging folder beside `target` (dist.staging-<pid>-xxxxxx): on the same file system, so
 * publishing it is a rename. The build's process id is in its name, so a later build can tell the
 * folder of a build that was stopped (killed, or its machine turned off) from one still running.
 */
export function stagingFolder(target: string): string {
  return mkdtempSync(`${target}.staging-${process.pid}-`);
}

/** The process that made a staging or set-aside folder beside `target`, or undefined for any other name. */
function ownerOf(target: string, name: string): number | undefined {
  const base = basename(target);
  const m = /^\.(?:staging|old)-(\d+)(?:-.+)?$/.exec(name.startsWith(base) ? name.slice(base.length) : '');
  return m ? Number(m[1]) : undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the staging folders (and folders set aside by replaceDirectory) of earlier builds that
 * were stopped before they could: a build stopped halfway left hundreds of megabytes beside dist/.
 * A folder whose process is still running is another build's, and is left alone. (A build in another
 * container writing into the same folder has a process id this one cannot see: two such builds at once
 * would remove each other's folder, and the one that lost it fails, its dist/ untouched.)
 */
export function removeStoppedBuilds(target: string): void {
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = ownerOf(target, name);
    if (pid !== undefined && pid !== process.pid && !isRunning(pid)) rmSync(join(dirname(target), name), { recursive: true, force: true });
  }
}

/**
 * rename(2) cannot replace a non-empty directory, so the old output is moved
 * aside first; the window in which neither exists is two renames long. The old
 * output is then removed by a process of its own (see removeInBackground).
 */
export function replaceDirectory(staging: string, target: string): void {
  // Unique, as one process may publish twice while the first old output is still being removed.
  const old = `${target}.old-${process.pid}-${(oldFolders++).toString(36)}${Date.now().toString(36)}`;
  const hadTarget = existsSync(target);
  if (hadTarget) renameSync(target, old);
  try {
    renameSync(staging, target);
  } catch (error) {
    if (hadTarget) renameSync(old, target);
    throw error;
  }
  if (hadTarget) removeInBackground(old);
}

let oldFolders = 0;

/**
 * Removes a folder set aside, in a detached process, so the build is done once the new output is in
 * place: removing a 1,000-school dist/ (a thousand folders, 300 MB) took a second at the end of every
 * rebuild. Its name carries this process's id: if the removal does not finish (the machine stops), the
 * next build removes it (removeStoppedBuilds), as it does a stopped build's staging folder.
 */
function removeInBackground(folder: string): void {
  try {
    const remover = spawn(process.execPath, ['-e', 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true, maxRetries: 2 })', folder], { detached: true, stdio: 'ignore' });
    remover.on('error', () => rmSync(folder, { recursive: true, force: true }));
    remover.unref();
  } catch {
    rmSync(folder, { recursive: true, force: true });
  }
}
