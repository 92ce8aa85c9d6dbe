// Progress for long builds: a live line on a terminal, one summary line per task in logs.

import type { Progress } from '../build/buildProject.ts';

export function createProgress(write: (text: string) => void, isTTY: boolean): Progress & { finish(): void } {
  const last = new Map<string, { done: number; total: number }>();
  let shown = '';
  return {
    tick(task, done, total) {
      last.set(task, { done, total });
      if (isTTY) {
        const line = [...last].map(([t, p]) => `${t} ${p.done}/${p.total}`).join('  ');
        if (line !== shown) write(`\r\u001b[2K${line}`);
        shown = line;
      }
    },
    finish() {
      if (isTTY && shown) write('\r\u001b[2K');
      if (last.size) write(`built ${[...last].map(([t, p]) => `${p.done}/${p.total} ${t}`).join(', ')}\n`);
    },
  };
}

/** How often, at most, the terminal's "loading schools" line is redrawn, in milliseconds. */
const LOADING_REDRAW_MS = 100;

/**
 * "loading schools 412/1000" on a terminal while a build loads (7-10 s at 1,000 schools), cleared before
 * the diagnostics are printed; nothing in a log, where the build's summary line follows.
 */
export function createLoadingProgress(write: (text: string) => void, isTTY: boolean, total: number): { tick(): void; clear(): void } {
  let done = 0;
  let drawn = -Infinity;
  let shown = false;
  return {
    tick() {
      done++;
      if (!isTTY || (performance.now() - drawn < LOADING_REDRAW_MS && done < total)) return;
      drawn = performance.now();
      write(`\r\u001b[2Kloading schools ${done}/${total}`);
      shown = true;
    },
    clear() {
      if (shown) write('\r\u001b[2K');
      shown = false;
    },
  };
}
