// Loading a large project on two threads: this one loads every other school while a worker thread loads the rest.
//
// Loading is mostly parsing YAML and rendering templates, one school at a time, and took a quarter of a
// 1,000-school build with the other core idle. The result is the project loadProject gives, in the same
// order, except that the schools come without their source locations: their problems were already
// found and located, nothing after loading (the build) asks for a location, and a locator (which
// reads the file again when asked: see lazyMap in load/parseYamlFile.ts) cannot be sent between threads.

import { Worker } from 'node:worker_threads';
import { assembleProject, loadOne, loadProject, type Project, type SchoolLoad, startProject } from './loadProject.ts';
import type { World } from './World.ts';

/** Below this many schools, starting a thread (which loads the templates again) costs more than it saves. */
export const PARALLEL_LOAD_FROM = 100;

/** What the worker is given. */
export interface LoadWork {
  root: string;
  today: string;
  files: { slug: string; file: string }[];
}

/** The whole project, as loadProject(world) gives it, on two threads when it is large. The world must be a Node world (the worker reads the same folder). */
export async function loadProjectInParallel(world: World, from = PARALLEL_LOAD_FROM): Promise<Project> {
  const start = startProject(world);
  if (start.schoolFiles.length < from) return loadProject(world);
  const theirs = start.schoolFiles.filter((_, i) => i % 2 === 1);
  const work: LoadWork = { root: world.root, today: world.today(), files: theirs };
  // It keeps nothing once a school is posted, so a small heap only makes V8 collect sooner.
  const worker = new Worker(new URL('./loadWorker.ts', import.meta.url), { workerData: work, resourceLimits: { maxOldGenerationSizeMb: 256 } });
  const received = new Promise<Map<string, SchoolLoad>>((resolve, reject) => {
    const got = new Map<string, SchoolLoad>();
    worker.on('message', (m: SchoolLoad | { done: true }) => ('done' in m ? resolve(got) : got.set(m.slug, m)));
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the loading thread stopped (exit code ${code}) before it finished`)));
  });
  // This thread loads synchronously meanwhile; a failure is taken up below.
  received.catch(() => {});

  const mine = new Map<string, SchoolLoad>();
  start.schoolFiles.forEach(({ slug, file }, i) => {
    if (i % 2 === 0) mine.set(slug, loadOne(world, start, slug, file));
  });
  const fromWorker = await received.finally(() => worker.terminate());

  return assembleProject(start, (slug) => mine.get(slug) ?? fromWorker.get(slug), { withoutLocations: true });
}
