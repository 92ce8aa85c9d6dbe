// Publish a fully built staging folder as dist/ in one step, so a failed build never leaves dist/ half-written.

import { existsSync, renameSync, rmSync } from 'node:fs';

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
