// The build's limit on heap growth (src/build/heapGrowth.ts) takes effect when set after start-up.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/tempProject.ts';

/**
 * A process that holds a steady amount and makes garbage that lives long enough to reach the old
 * generation (as a build's pages and trees do); prints the largest heap it had, in bytes.
 */
function largestHeap(limit: boolean): number {
  const module = pathToFileURL(join(REPO, 'src/build/heapGrowth.ts')).href;
  const script = `
    ${limit ? `(await import(${JSON.stringify(module)})).limitHeapGrowth();` : ''}
    const held = [];
    for (let i = 0; i < 150000; i++) held.push({ text: 'held ' + i, pair: [i, i + 1] });
    const recent = [];
    let largest = 0;
    for (let round = 0; round < 400; round++) {
      const batch = [];
      for (let i = 0; i < 20000; i++) batch.push({ text: 'garbage ' + i + ' ' + round, pair: [round, i] });
      recent.push(batch);
      if (recent.length > 8) recent.shift();
      largest = Math.max(largest, process.memoryUsage().heapTotal);
    }
    // Uses what it held to the end, so it stays held.
    process.stdout.write(String(held.length && largest));`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

describe('limitHeapGrowth', () => {
  it('keeps the heap well below the size V8 lets it reach by default', () => {
    const unlimited = largestHeap(false);
    const limited = largestHeap(true);
    // Measured: about 330 MB by default, 235–260 MB with the limit.
    expect(limited).toBeLessThan(unlimited * 0.88);
  });
});
