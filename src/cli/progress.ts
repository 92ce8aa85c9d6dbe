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
