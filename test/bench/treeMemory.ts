// The memory of a process and everything it started (Pagefind's service, say), sampled from /proc:
// GNU time's %M is only the largest single process, and a build's processes are alive together.

import { readdirSync, readFileSync } from 'node:fs';

/** The process and its descendants, as the kernel lists each thread's children. */
function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${tree[i]}/task`);
    } catch {
      continue; // it has exited
    }
    for (const task of tasks) {
      try {
        for (const child of readFileSync(`/proc/${tree[i]}/task/${task}/children`, 'utf8').split(' ')) if (child.trim()) tree.push(Number(child));
      } catch {
        // the thread has exited
      }
    }
  }
  return tree;
}

/**
 * Proportional set size (shared pages divided among the processes that map them, so the sum counts
 * each page once) of the whole tree, in KiB; 0 once the process has exited.
 */
export function treePssKiB(pid: number): number {
  let total = 0;
  for (const p of processTree(pid)) {
    try {
      const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'));
      total += pss ? Number(pss[1]) : 0;
    } catch {
      // it has exited
    }
  }
  return total;
}

/** Samples `pid`'s tree every `ms` until stop() is called, which returns the largest total seen, in KiB. */
export function sampleTreeMemory(pid: number, ms = 100): { stop(): number } {
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, treePssKiB(pid));
  }, ms);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
