// One timed build of a project folder, run in its own process by bench.ts: prints JSON with the time of each
// phase (taken from the build's progress ticks) and this process's peak memory.
//
//   node test/bench/timeBuild.ts PROJECT_DIR

import { performance } from 'node:perf_hooks';
import { buildProject, type Progress } from '../../src/build/buildProject.ts';
import { hasErrors } from '../../src/diagnostics/index.ts';
import { loadPolicies } from '../../src/project/loadPolicies.ts';
import { createNodeWorld } from '../../src/project/World.ts';

export interface BuildTiming {
  schools: number;
  /** Milliseconds: loading, validating and rendering every school into its tree. */
  load: number;
  /** Milliseconds per build task, each from the end of the one before to its last tick; "finish" is what follows the last tick (search index, publishing dist/). */
  phases: Record<string, number>;
  total: number;
  /** Peak resident memory of the build process, in MiB (child processes such as Pagefind's not included). */
  peakRssMiB: number;
}

const root = process.argv[2];
if (!root) {
  process.stderr.write('usage: node test/bench/timeBuild.ts PROJECT_DIR\n');
  process.exit(2);
}
const start = performance.now();
// As `policy-press build` loads it (with each school's changes since its last signed copy).
const project = await loadPolicies(createNodeWorld(root));
const loaded = performance.now();
if (hasErrors(project.diagnostics)) {
  process.stderr.write(`the project has errors: ${project.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line} ${d.code} ${d.message}`).slice(0, 10).join('\n')}\n`);
  process.exit(1);
}
const lastTick = new Map<string, number>();
const progress: Progress = { tick: (task) => void lastTick.set(task, performance.now()) };
await buildProject(project, { root, progress, env: process.env });
const end = performance.now();

const phases: Record<string, number> = {};
let from = loaded;
for (const [task, at] of [...lastTick].sort((a, b) => a[1] - b[1])) {
  phases[task] = Math.round(at - from);
  from = at;
}
phases.finish = Math.round(end - from);
const timing: BuildTiming = {
  schools: project.documents.size,
  load: Math.round(loaded - start),
  phases,
  total: Math.round(end - start),
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
};
process.stdout.write(`${JSON.stringify(timing)}\n`);
