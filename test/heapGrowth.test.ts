// The build's limit on heap growth (src/build/heapGrowth.ts) takes effect when set after start-up.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { YOUNG_GENERATION_FLAG } from '../src/build/heapGrowth.ts';
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

describe('YOUNG_GENERATION_FLAG', () => {
  /** The largest the young generation grew in a process making garbage that lives a little while, in MB. */
  function largestYoungGeneration(flags: string[]): number {
    const script = `
      const { getHeapSpaceStatistics } = await import('node:v8');
      let largest = 0;
      const recent = [];
      for (let round = 0; round < 300; round++) {
        const batch = [];
        for (let i = 0; i < 20000; i++) batch.push({ text: 'garbage ' + i + ' ' + round, pair: [round, i] });
        recent.push(batch);
        if (recent.length > 4) recent.shift();
        largest = Math.max(largest, getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);
      }
      process.stdout.write(String(largest / 1048576));`;
    return Number(execFileSync(process.execPath, [...flags, '--input-type=module', '-e', script], { encoding: 'utf8' }));
  }

  it('caps the young generation, which V8 lets grow four times as large', () => {
    // Measured: 128 MB by default, 32-40 with the flag.
    const uncapped = largestYoungGeneration([]);
    const capped = largestYoungGeneration([YOUNG_GENERATION_FLAG]);
    expect(capped, `${capped} MB against ${uncapped}`).toBeLessThan(uncapped / 2.5);
  });

  it('is given to every build: by `npm run build`, by `npx policy-press` (the first line of bin/), and by the bench', () => {
    const scripts = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).scripts as Record<string, string>;
    expect(scripts.build).toBe(`node ${YOUNG_GENERATION_FLAG} bin/policy-press.js build`);
    expect(readFileSync(join(REPO, 'bin/policy-press.js'), 'utf8').split('\n')[0]).toBe(`#!/usr/bin/env -S node ${YOUNG_GENERATION_FLAG}`);
    expect(readFileSync(join(REPO, 'test/bench/bench.ts'), 'utf8')).toContain("process.execPath, YOUNG_GENERATION_FLAG, join(REPO, 'test/bench/timeBuild.ts')");
  });

  it('starts the command line policy-press through its first line', () => {
    // What npm links into node_modules/.bin: the file itself, run by the kernel through its first line.
    const out = execFileSync(join(REPO, 'bin/policy-press.js'), ['--help'], { encoding: 'utf8', env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` } });
    expect(out).toContain('build');
  });
});
