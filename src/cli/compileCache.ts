// Node's compile cache for every command: the code compiled on the first run is read from disk on the next.

import { enableCompileCache } from 'node:module';

/**
 * Node keeps the code it compiles (policy-press's TypeScript, Astro, pdf-lib…) in a folder: NODE_COMPILE_CACHE,
 * or node-compile-cache in the temporary folder. A run after the first then compiles almost nothing: `check`
 * on the example schools took 1.1-1.2 s instead of 1.5 s here. Call it before importing what it should cover
 * (modules are compiled when imported). Worker threads start a Node of their own, which takes the folder
 * from the environment. Like Node, it never fails a command: without a cache, the code is compiled as before.
 */
export function useCompileCache(): void {
  const { directory } = enableCompileCache();
  if (directory) process.env.NODE_COMPILE_CACHE = directory;
}
