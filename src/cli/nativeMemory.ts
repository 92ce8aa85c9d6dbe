// Memory that the bundler's native code frees goes back to the system at once, instead of staying with the process.

/**
 * Settings for mimalloc, the allocator of Rolldown (Vite's bundler) and of Astro's compiler, which read
 * them when they are loaded: so they are set before anything imports Astro. A value already in the
 * environment is kept, so a host can choose its own (https://microsoft.github.io/mimalloc/environment.html).
 *
 * Bundling the site's page code takes Rolldown 120-170 MB, whatever the number of schools, and mimalloc
 * kept it for the rest of the build: a 6-school build held it as a 1,000-school one did. Purging freed
 * pages at once, and committing arena memory only as it is used, gives it back. Measured side by side at
 * 1,000 schools, six builds each: the build process peaked at 930-970 MB instead of 1,070-1,110 MB, in
 * the same time.
 *
 * Pagefind's allocator (jemalloc, in a child process, which inherits this environment) keeps one arena
 * per thread it runs, four per core: one arena serves its few threads with less memory held apart.
 * Indexing 1,000 schools' pages in bundles of 125 (as a build does), its process peaked at 133-139 MB
 * instead of 150-156, in the same CPU time (three runs each). Told to give freed pages back at once
 * (`dirty_decay_ms:0`) its peak fell further, from about 270 MB to 200 MB, but it took a third more
 * CPU (17 s instead of 12.5 s), on a machine whose two cores the build keeps busy: that is not set.
 */
export const NATIVE_MEMORY_SETTINGS: Readonly<Record<string, string>> = {
  MIMALLOC_PURGE_DELAY: '0',
  MIMALLOC_ARENA_EAGER_COMMIT: '0',
  MIMALLOC_PURGE_DECOMMITS: '1',
  _RJEM_MALLOC_CONF: 'narenas:1',
};

/** Sets each of NATIVE_MEMORY_SETTINGS that the environment does not already set. */
export function releaseNativeMemory(env: NodeJS.ProcessEnv = process.env): void {
  for (const [name, value] of Object.entries(NATIVE_MEMORY_SETTINGS)) env[name] ??= value;
}
