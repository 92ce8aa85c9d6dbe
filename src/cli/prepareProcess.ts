// What every policy-press process does before it imports anything else: the compile cache on, native memory given back.

import { useCompileCache } from './compileCache.ts';
import { releaseNativeMemory } from './nativeMemory.ts';

/**
 * Called by bin/policy-press.js, and by the bench's timed build so that it measures what a command does,
 * before the modules it covers are imported (they are compiled as they are) and Astro's bundler is loaded.
 */
export function prepareProcess(): void {
  useCompileCache();
  releaseNativeMemory();
}
