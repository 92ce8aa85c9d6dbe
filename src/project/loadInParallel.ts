// Loading a large project on two threads: this one loads every other school while a worker thread loads the rest.
//
// Loading is mostly parsing YAML and rendering templates, one school at a time, and took a quarter of a
// 1,000-school build with the other core idle. The result is the project loadProject gives, in the same
// order, except that the schools come without their source locations: their problems were already
// found and located, nothing after loading (the build) asks for a location, and a locator (which
// reads the file again when asked: see lazyMap in load/parseYamlFile.ts) cannot be sent between threads.

import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics/index.ts';
import type { School } from '../validate/validateSchool.ts';
import { loadProject, loadSchool, type Project, type ProjectStart, type SchoolSink, startProject } from './loadProject.ts';
import type { World } from './World.ts';

/** Below this many schools, starting a thread (which loads the templates again) costs more than it saves. */
export const PARALLEL_LOAD_FROM = 100;

/** One school as loaded, and any problems with a template family it was the first to use. */
export interface LoadedSchool {
  slug: string;
  familyDiagnostics: Diagnostic[];
  sink: SchoolSink;
}

/** What the worker is given. */
export interface LoadWork {
  root: string;
  today: string;
  files: { slug: string; file: string }[];
}

export function loadOne(world: World, start: ProjectStart, slug: string, file: string): LoadedSchool {
  const before = start.project.diagnostics.length;
  const sink: SchoolSink = { schools: [], documents: new Map(), sources: new Map(), diagnostics: [] };
  loadSchool(world, slug, file, start.family, sink);
  return { slug, familyDiagnostics: start.project.diagnostics.splice(before), sink };
}

/** The whole project, as loadProject(world) gives it, on two threads when it is large. The world must be a Node world (the worker reads the same folder). */
export async function loadProjectInParallel(world: World, from = PARALLEL_LOAD_FROM): Promise<Project> {
  const start = startProject(world);
  if (start.schoolFiles.length < from) return loadProject(world);
  const theirs = start.schoolFiles.filter((_, i) => i % 2 === 1);
  const work: LoadWork = { root: world.root, today: world.today(), files: theirs };
  // It keeps nothing once a school is posted, so a small heap only makes V8 collect sooner.
  const worker = new Worker(new URL('./loadWorker.ts', import.meta.url), { workerData: work, resourceLimits: { maxOldGenerationSizeMb: 256 } });
  const received = new Promise<Map<string, LoadedSchool>>((resolve, reject) => {
    const got = new Map<string, LoadedSchool>();
    worker.on('message', (m: LoadedSchool | { done: true }) => ('done' in m ? resolve(got) : got.set(m.slug, m)));
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the loading thread stopped (exit code ${code}) before it finished`)));
  });
  // This thread loads synchronously meanwhile; a failure is taken up below.
  received.catch(() => {});

  const mine = new Map<string, LoadedSchool>();
  start.schoolFiles.forEach(({ slug, file }, i) => {
    if (i % 2 === 0) mine.set(slug, loadOne(world, start, slug, file));
  });
  const fromWorker = await received.finally(() => worker.terminate());

  return assembleProject(start, (slug) => mine.get(slug) ?? fromWorker.get(slug), { withoutLocations: true });
}

/**
 * The project loadProject gives, from its start and each of its schools loaded on its own (loadOne), in
 * the order of its school files: a family's problem once, where the first school that used it stands.
 * `withoutLocations` drops every school's locator, so schools loaded on two threads are alike.
 */
export function assembleProject(start: ProjectStart, loadedSchool: (slug: string) => LoadedSchool | undefined, { withoutLocations = false } = {}): Project {
  const { project } = start;
  const seen = new Set(project.diagnostics.map((d) => JSON.stringify(d)));
  for (const { slug } of start.schoolFiles) {
    const loaded = loadedSchool(slug);
    if (!loaded) throw new Error(`${slug} was not loaded`);
    for (const d of loaded.familyDiagnostics) {
      const key = JSON.stringify(d);
      if (!seen.has(key)) project.diagnostics.push(d);
      seen.add(key);
    }
    const { sink } = loaded;
    project.diagnostics.push(...sink.diagnostics);
    for (const [file, text] of sink.sources) project.sources.set(file, text);
    project.schools.push(...(withoutLocations ? sink.schools.map((s: School) => ({ ...s, locator: { file: s.file, locations: new Map() } })) : sink.schools));
    for (const [s, doc] of sink.documents) project.documents.set(s, doc);
  }
  return project;
}
