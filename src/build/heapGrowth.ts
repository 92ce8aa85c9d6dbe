// How far V8 lets the build's heap grow past what it holds before collecting it.

import { setFlagsFromString } from 'node:v8';

/**
 * A 1,000-school build holds about 310 MB on its main thread (the schools' trees, Astro), and V8, left
 * to itself, let the heap reach 680 MB before collecting; at 25% it stays near 470 MB. Measured side
 * by side at 1,000 schools, the build's processes together peaked at 1.25-1.3 GB instead of 1.5-1.6 GB
 * (50% gave 1.33 GB); the extra full collections cost at most a few per cent of the time, less than
 * this machine's noise. The flag is V8's own; node does not take it in NODE_OPTIONS, so the build
 * sets it when it starts.
 */
export const HEAP_GROWING_PERCENT = 25;

/**
 * Makes V8 collect once the old generation is a quarter larger than what survived the last collection.
 * The setting is the process's, worker threads included (their heaps are small; it made them collect
 * less often, not more). V8 reads it at each collection, so setting it after start-up takes effect.
 */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/**
 * The V8 flag a build's process starts with: its young generation (where new objects go, collected
 * most often) capped at two 16 MB halves, where V8 let it grow to two of 64 MB. Measured side by side
 * at 1,000 schools, three pairs: the build's process peaked 90-130 MiB lower (all its processes
 * together at 870-900 MiB instead of 970-990), in the same time within this machine's noise (from
 * 1.9 s faster to 2.8 s slower: the smaller young generation is collected more often while loading,
 * which is no longer what the build waits for; the PDF worker is, see writePdfs.ts). V8 sizes the young
 * generation as the process starts, so this is given on the command line: by package.json's `build`
 * script, by the first line of bin/policy-press.js (for `npx policy-press`), and by the bench.
 */
export const YOUNG_GENERATION_FLAG = '--max-semi-space-size=16';
