// One timed build of a project folder, run in its own process by bench.ts: prints JSON with the time of each
// phase (taken from the build's progress ticks) and this process's peak memory.
//
//   node test/bench/timeBuild.ts PROJECT_DIR

import { performance } from 'node:perf_hooks';
import type { Progress } from '../../src/build/buildProject.ts';
import { prepareProcess } from '../../src/cli/prepareProcess.ts';

// As bin/policy-press.js does, before the modules of the build are imported.
prepareProcess();
const { Build } = await import('../../src/build/buildProject.ts');
const { limitHeapGrowth } = await import('../../src/build/heapGrowth.ts');
const { hasErrors } = await import('../../src/diagnostics/index.ts');
const { createNodeWorld } = await import('../../src/project/World.ts');
const { forgetSourceTexts } = await import('../../src/project/loadProject.ts');

export interface BuildTiming {
  schools: number;
  /** Milliseconds: loading, validating and rendering every school into its tree (the PDFs of the schools loaded are drawn meanwhile). */
  load: number;
  /** Milliseconds per phase of the build: texts; PDFs and pages (made side by side); search index; finish (publishing dist/). */
  phases: Record<string, number>;
  total: number;
  /** Peak resident memory of the build process, in MiB (child processes such as Pagefind's not included). */
  peakRssMiB: number;
  /** Milliseconds after loading at which each task's progress first and last ticked (e.g. when the PDFs were done). */
  ticks: Record<string, [number, number]>;
}

const root = process.argv[2];
if (!root) {
  process.stderr.write('usage: node test/bench/timeBuild.ts PROJECT_DIR\n');
  process.exit(2);
}
const firstTick = new Map<string, number>();
const lastTick = new Map<string, number>();
const progress: Progress = {
  tick: (task) => {
    const now = performance.now();
    if (!firstTick.has(task)) firstTick.set(task, now);
    lastTick.set(task, now);
  },
};
// As `policy-press build` does: the PDFs start as the schools load.
limitHeapGrowth();
const start = performance.now();
const world = createNodeWorld(root);
const build = Build.of(world, { root, progress, env: process.env });
// As `policy-press build` loads it (with each school's changes since its last signed copy).
const project = await build.load(world);
const loaded = performance.now();
if (hasErrors(project.diagnostics)) {
  await build.abandon();
  process.stderr.write(`the project has errors: ${project.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line} ${d.code} ${d.message}`).slice(0, 10).join('\n')}\n`);
  process.exit(1);
}
// As `policy-press build` does once it has printed the diagnostics.
forgetSourceTexts(project);
await build.publish(project);
const end = performance.now();

// The PDFs are made on worker threads while Astro renders the pages, so they are one phase.
const textsDone = lastTick.get('texts') ?? loaded;
const searchStart = firstTick.get('search index') ?? end;
const searchEnd = lastTick.get('search index') ?? end;
const phases: Record<string, number> = {
  texts: Math.round(textsDone - loaded),
  'PDFs and pages': Math.round(searchStart - textsDone),
  'search index': Math.round(searchEnd - searchStart),
  finish: Math.round(end - searchEnd),
};
const timing: BuildTiming = {
  schools: project.documents.size,
  load: Math.round(loaded - start),
  phases,
  total: Math.round(end - start),
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  ticks: Object.fromEntries([...firstTick].map(([task, first]) => [task, [Math.round(first - loaded), Math.round(lastTick.get(task)! - loaded)]])),
};
process.stdout.write(`${JSON.stringify(timing)}\n`);
