// The build benchmark: generates N synthetic schools, builds them in a fresh process, and reports wall time,
// the time of each phase and peak memory; with --readme, writes the table into README.md's "Performance" section.
//
//   npm run bench                         # 100 and 1,000 schools: a first build, then a rebuild with one school changed
//   npm run bench -- --sizes 100,250,500,1000 --runs 2 --readme   # first builds the fastest of 2 runs of each

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
import { CACHE_DIR } from '../../src/build/buildCache.ts';
import { YOUNG_GENERATION_FLAG } from '../../src/build/heapGrowth.ts';
import { git } from '../support/git.ts';
import { generateSchools } from './generateSchools.ts';
import type { BuildTiming } from './timeBuild.ts';
import { sampleTree } from './treeMemory.ts';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';
/** A fixed "today", so review statuses (and so the pages) are the same on every run. */
const TODAY = String(Date.UTC(2025, 0, 15) / 1000);

const { values } = parseArgs({
  options: { sizes: { type: 'string', default: '100,1000' }, runs: { type: 'string', default: '1' }, readme: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false } },
});
const sizes = values.sizes.split(',').map(Number);
// On a shared machine other work only ever adds time, so the fastest run is the best estimate.
const runs = Math.max(1, Number(values.runs));

interface Row extends BuildTiming {
  build: 'first' | 'rebuild, one school changed';
  wall: number;
  /** Peak memory of the build's processes together (node and Pagefind's service), MiB. */
  peakTotalMiB: number;
  /** Peak resident memory of the largest process in the build (node, or Pagefind), MiB. */
  peakLargestMiB: number;
  /** CPU time (user and system) of the build's processes together, ms: the build is CPU-bound on two cores. */
  cpu: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * One build of the project in its own process, timed by GNU time (wall, and the peak memory of the
 * biggest process), with the memory of all its processes together sampled meanwhile.
 */
async function timedBuild(root: string, label: string, build: Row['build']): Promise<Row> {
  process.stderr.write(`${label} …\n`);
  const env = { ...process.env, SOURCE_DATE_EPOCH: TODAY };
  const child = spawn('/usr/bin/time', ['-f', '%e %M', process.execPath, YOUNG_GENERATION_FLAG, join(REPO, 'test/bench/timeBuild.ts'), root], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const sampled = sampleTree(child.pid!);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const { peakKiB: peakTotalKiB, cpuMs } = sampled.stop();
  if (status !== 0) {
    process.stderr.write(stderr);
    process.exit(1);
  }
  const [wall, peakKiB] = stderr.trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number];
  return { ...(JSON.parse(stdout) as BuildTiming), build, wall: wall * 1000, cpu: cpuMs, peakTotalMiB: Math.round(peakTotalKiB / 1024), peakLargestMiB: Math.round(peakKiB / 1024) };
}

/** Puts the generated project in a new git repository, in one commit. */
function commitProject(root: string): void {
  writeFileSync(join(root, '.gitignore'), 'dist/\n.cache/\n');
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'the generated schools');
}

const rows: Row[] = [];
for (const size of sizes) {
  const root = mkdtempSync(join(tmpdir(), `policy-press-bench-${size}-`));
  const { slugs } = generateSchools(root, size);
  // Kept in git, as a school's data is: so a build also looks for each school's last change (none yet).
  commitProject(root);
  let best: Row | undefined;
  for (let n = 1; n <= runs; n++) {
    // A first build: nothing in the caches (PDFs, search index), and no dist/ of an earlier run to replace
    // (removing it, at the end of the build, took a second at 1,000 schools).
    rmSync(join(root, CACHE_DIR), { recursive: true, force: true });
    rmSync(join(root, 'dist'), { recursive: true, force: true });
    const row = await timedBuild(root, `building ${size} schools in ${root} (first build, run ${n} of ${runs})`, 'first');
    if (!best || row.wall < best.wall) best = row;
  }
  rows.push(best!);
  // The usual rebuild: one school edited since the last build, so one PDF is drawn and the rest come from the cache.
  const edited = join(root, 'schools', `${slugs[0]}.yaml`);
  const data = parse(readFileSync(edited, 'utf8')) as { school: { name: string } };
  data.school.name = `${data.school.name} (renamed)`;
  writeFileSync(edited, stringify(data));
  rows.push(await timedBuild(root, `rebuilding ${size} schools with one changed`, 'rebuild, one school changed'));
  if (!values.keep) rmSync(root, { recursive: true, force: true });
}

const phase = (r: Row, name: string) => (r.phases[name] === undefined ? '–' : seconds(r.phases[name]));
const table = [
  '| schools | build | wall time | per school | CPU, all processes | peak memory, all processes | largest process | load, check, render (first PDFs meanwhile) | texts | rest of the PDFs and site pages (side by side) | search index | publish |',
  '|---:|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.schools.toLocaleString('en-GB')} | ${r.build} | ${seconds(r.wall)} | ${Math.round(r.wall / r.schools)} ms | ${seconds(r.cpu)} | ${r.peakTotalMiB} MiB | ${r.peakLargestMiB} MiB | ${seconds(r.load)} | ${phase(r, 'texts')} | ${phase(r, 'PDFs and pages')} | ${phase(r, 'search index')} | ${phase(r, 'finish')} |`,
  ),
].join('\n');
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.versions.node}, ${new Date().toISOString().slice(0, 10)}${runs > 1 ? `, first builds the fastest of ${runs} runs` : ''}`;
process.stdout.write(`\n${table}\n\n${machine}\n`);

if (values.readme) {
  const readme = join(REPO, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README.md has no ${START} … ${END} section to fill in`);
  writeFileSync(readme, `${text.slice(0, from + START.length)}\n${table}\n\nMeasured by \`npm run bench\` on ${machine}.\n${text.slice(to)}`);
  process.stderr.write('wrote the table into README.md\n');
}
