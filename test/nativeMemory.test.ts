// The bundler gives back the memory it frees (src/cli/nativeMemory.ts), instead of keeping it for the rest of a build.

import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NATIVE_MEMORY_SETTINGS, releaseNativeMemory } from '../src/cli/nativeMemory.ts';
import { REPO } from './support/tempProject.ts';

const MiB = 1024 * 1024;

/**
 * Bundles a large module graph (Astro's build code) with Rolldown, as Astro does a site's pages, lets the
 * bundle go, and prints how much more memory the process holds than before Rolldown was loaded.
 */
function heldAfterBundling(settings: boolean): number {
  const module = pathToFileURL(join(REPO, 'src/cli/nativeMemory.ts')).href;
  const script = `
    ${settings ? `(await import(${JSON.stringify(module)})).releaseNativeMemory();` : ''}
    const before = process.memoryUsage().rss;
    const { rolldown } = await import('rolldown');
    const bundle = await rolldown({ input: 'node_modules/astro/dist/core/build/index.js', platform: 'node', logLevel: 'silent' });
    await bundle.generate({ format: 'esm' });
    await bundle.close();
    process.stdout.write(String(process.memoryUsage().rss - before));`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(NATIVE_MEMORY_SETTINGS)) delete env[name];
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO, env, encoding: 'utf8' }));
}

describe('native memory settings', () => {
  it('are set where the environment does not set them, and a host’s own are kept', () => {
    const env: NodeJS.ProcessEnv = { MIMALLOC_PURGE_DELAY: '250' };
    releaseNativeMemory(env);
    expect(env).toEqual({ ...NATIVE_MEMORY_SETTINGS, MIMALLOC_PURGE_DELAY: '250' });
  });

  it("reach Pagefind's allocator", () => {
    const env: NodeJS.ProcessEnv = {};
    releaseNativeMemory(env);
    // jemalloc prints the options it took as the process ends, when asked to.
    const binary = createRequire(import.meta.url).resolve(`@pagefind/${process.platform}-${process.arch}/bin/pagefind_extended`);
    const stats = spawnSync(binary, ['--version'], { env: { ...env, _RJEM_MALLOC_CONF: `${env._RJEM_MALLOC_CONF},stats_print:true` }, encoding: 'utf8' });
    expect(stats.stderr + stats.stdout).toMatch(/opt\.narenas: 1\n/);
  });

  it('make the bundler give back what it freed', () => {
    const without = heldAfterBundling(false);
    const withSettings = heldAfterBundling(true);
    // Measured here: about 540 MB held without them, about 180 MB with.
    expect(without).toBeGreaterThan(300 * MiB);
    expect(withSettings).toBeLessThan(without - 200 * MiB);
  }, 60_000);
});
