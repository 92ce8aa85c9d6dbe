// Publish a fully built staging folder as dist/ in one step, so a failed build never leaves dist/ half-written.

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
 * aside first; the window in which neither exists is two renames long.
 */
export function replaceDirectory(staging: string, target: string): void {
  const old = `${target}.old-${process.pid}`;
  const hadTarget = existsSync(target);
  if (hadTarget) renameSync(target, old);
  try {
    renameSync(staging, target);
  } catch (error) {
    if (hadTarget) renameSync(old, target);
    throw error;
  }
  if (hadTarget) rmSync(old, { recursive: true, force: true });
}
