// The memory and CPU time of a process and everything it started (Pagefind's service, say), sampled from
// /proc: GNU time's %M is only the largest single process, and a build's processes are alive together;
// its %U and %S leave out Pagefind's, which the build stops rather than waits for.

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
 * Resident memory of the processes together, in KiB; 0 once they have exited. From /proc/<pid>/status,
 * which costs the kernel next to nothing. The proportional set size (smaps_rollup), which would count a
 * page shared by two of them once, took 17 ms of CPU to read for a 1,000-school build's process and
 * held its memory map locked for 30 ms, so sampled ten times a second it slowed the build it measured
 * (the build's process and Pagefind's share only libc's few pages).
 */
function residentKiB(processes: readonly number[]): number {
  let total = 0;
  for (const p of processes) {
    try {
      const rss = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      total += rss ? Number(rss[1]) : 0;
    } catch {
      // it has exited
    }
  }
  return total;
}

/** Notes in `ticks` the CPU time (user and system) each process has used so far, in clock ticks, by process id. */
function noteCpuTicks(processes: readonly number[], ticks: Map<number, number>): void {
  for (const p of processes) {
    try {
      // After the command's name, which may hold spaces and brackets: the state is field 3, utime 14 and stime 15.
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      ticks.set(p, Number(fields[11]) + Number(fields[12]));
    } catch {
      // it has exited
    }
  }
}

/** Clock ticks a second in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * Samples `pid`'s tree every `ms` until stop() is called, which returns the largest total memory seen,
 * in KiB, and the CPU time all its processes used, in milliseconds (each process's as last sampled: a
 * process that ends loses at most `ms` of it).
 */
export function sampleTree(pid: number, ms = 100): { stop(): { peakKiB: number; cpuMs: number } } {
  let peak = 0;
  const cpu = new Map<number, number>();
  const timer = setInterval(() => {
    const processes = processTree(pid);
    peak = Math.max(peak, residentKiB(processes));
    noteCpuTicks(processes, cpu);
  }, ms);
  return {
    stop() {
      clearInterval(timer);
      let ticks = 0;
      for (const t of cpu.values()) ticks += t;
      return { peakKiB: peak, cpuMs: (ticks * 1000) / TICKS_PER_SECOND };
    },
  };
}
