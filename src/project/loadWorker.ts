// The worker thread of loadInParallel: loads its share of the schools and posts each back as it is done.

import { parentPort, workerData } from 'node:worker_threads';
import type { LoadWork } from './loadInParallel.ts';
import { loadOne, startProject } from './loadProject.ts';
import { createNodeWorld } from './World.ts';

const work = workerData as LoadWork;
// The same day as the main thread, even across midnight.
const world = { ...createNodeWorld(work.root), today: () => work.today };
const start = startProject(world);
for (const { slug, file } of work.files) {
  const loaded = loadOne(world, start, slug, file);
  // Locators stay here (see loadInParallel.ts): they hold functions, which cannot be posted.
  for (const school of loaded.sink.schools) (school as { locator?: unknown }).locator = undefined;
  parentPort!.postMessage(loaded);
}
parentPort!.postMessage({ done: true });
