// Build step: dist/<slug>/policy.pdf for every school, drawn from its document tree, carrying its source.

import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Project } from '../project/loadProject.ts';
import type { PolicyDocument } from '../tree/types.ts';
import { bySchoolName } from '../site/createSiteData.ts';
import type { BuildOptions, BuildStep } from './buildProject.ts';
import { PDF_CACHE_DIR, PdfCache, writeJobPdf } from './pdfCache.ts';
import { jobOf, type PdfJob, pdfOf } from './pdfJob.ts';

function jobFor(project: Project, slug: string, env: NodeJS.ProcessEnv = {}): PdfJob {
  const doc = project.documents.get(slug);
  if (!doc) throw new Error(`no document for ${slug}`);
  return jobOf(doc, project.schools.find((s) => s.slug === slug)?.data, env);
}

/** A school's PDF as `build` and `pdf` write it: with its text, data and tree attached, so any copy can be compared later. */
export function schoolPdf(project: Project, slug: string, env: NodeJS.ProcessEnv = {}): Promise<Uint8Array> {
  return pdfOf(jobFor(project, slug, env));
}

/** Below this many schools, starting a thread (which loads the fonts) costs more than it saves. */
export const PARALLEL_FROM = 12;

/**
 * How many worker threads draw the PDFs of a build of `schools` schools: one core fewer than the machine
 * has, as this thread is busy all along (loading the schools, then rendering the pages), at most 3; 0 (on
 * this thread) for a few schools, on one core, or with POLICY_PRESS_THREADS=1. On two cores, two workers
 * beside this thread made a 1,000-school build no faster than one, and 100-150 MB larger (side by side,
 * three pairs); Pagefind, a process of its own, fell 3-4 s behind the pages.
 */
export function pdfThreads(schools: number, env: NodeJS.ProcessEnv = {}): number {
  if (schools < PARALLEL_FROM || env.POLICY_PRESS_THREADS === '1') return 0;
  return Math.max(0, Math.min(availableParallelism() - 1, 3));
}

/** A school's PDF and the file it goes to. Its job is made as it is sent to a worker: a thousand jobs' JSON held at once would be 50-100 MB. */
export interface PdfTask {
  slug: string;
  job: () => PdfJob;
  file: string;
}

export function pdfTask(staging: string, slug: string, doc: PolicyDocument, data: unknown, env: NodeJS.ProcessEnv = {}): PdfTask {
  return { slug, job: () => jobOf(doc, data, env), file: join(staging, slug, 'policy.pdf') };
}

/**
 * Writes the PDFs on worker threads and returns once they are started: each file is added to the
 * pending files, so the site (on this thread) renders meanwhile and a page awaits only its own PDF.
 * The PDFs not yet started are made in the order the site renders its pages. A PDF whose job and code
 * are those of one the last build made is copied from the cache instead (see pdfCache.ts), on the
 * worker too. When the build started the workers before loading (see Build in buildProject.ts), they have been
 * drawing each school's PDF since it was loaded; this step then only orders the rest.
 */
export const writePdfs: BuildStep = async (project, staging, options, pending) => {
  const { progress, env, pdfWorkers } = options;
  const data = new Map(project.schools.map((s) => [s.slug, s.data]));
  const tasks: PdfTask[] = [...project.documents]
    .map(([slug, doc]) => ({ slug, doc }))
    .sort(bySchoolName)
    .map(({ slug, doc }) => pdfTask(staging, slug, doc, data.get(slug), env));
  const cacheDir = pdfCacheDir(options);
  const cache = cacheDir === undefined ? undefined : new PdfCache(cacheDir, { isDir: true });
  const threads = pdfThreads(tasks.length, env);
  const workers = pdfWorkers ?? (threads > 0 ? new PdfWorkers(threads, cacheDir) : undefined);
  // Workers the build started, the build stops (see Build).
  if (workers && !pdfWorkers) pending.onStop(() => workers.stop());
  if (!workers) {
    const keys = new Set<string>();
    for (const [i, { job, file }] of tasks.entries()) {
      const key = await writeJobPdf(job(), file, cache);
      if (key !== undefined) keys.add(key);
      progress?.tick('PDFs', i + 1, tasks.length);
    }
    cache?.prune(keys);
    return;
  }
  if (workers.cacheDir !== cacheDir) throw new Error('the PDF workers were started with another cache');
  for (const task of tasks) workers.add(task);
  workers.close(
    tasks.map((t) => t.slug),
    (done) => progress?.tick('PDFs', done, tasks.length),
  );
  for (const task of tasks) pending.add(`${task.slug}/policy.pdf`, workers.files.get(task.slug)!);
  // Once every PDF is written, the cache keeps only this build's.
  if (cache) pending.add(PDF_CACHE_DIR, Promise.all(workers.files.values()).then(() => cache.prune(workers.keys)));
};

/** The folder of the PDF cache a build with these options uses, if it uses one (see pdfCache.ts). */
export function pdfCacheDir({ root, cache = true }: Pick<BuildOptions, 'root' | 'cache'>): string | undefined {
  return cache ? new PdfCache(root).dir : undefined;
}

/** What a worker answers for each task: the PDF's cache key, if any, or what went wrong. */
export interface PdfAnswer {
  slug: string;
  key?: string;
  error?: string;
}

/** What a worker is started with: a counter of the tasks it has finished, which it adds to as it finishes each (see PdfWorkers.#send). */
export interface PdfWorkerData {
  finished: Int32Array;
}

/** A PDF worker, how many tasks it was sent, and how many it has answered (its messages read on this thread). */
interface WorkerState {
  worker: Worker;
  finished: Int32Array;
  sent: number;
  answered: number;
}

/** What a worker is sent: a job, the file it goes to and the PDF cache folder, when the build uses one. */
export interface PdfMessage {
  job: PdfJob;
  file: string;
  cacheDir?: string;
}

/**
 * Left to itself each worker's heap grew to over 250 MB of garbage in a 1,000-school build; with these
 * limits V8 collects sooner, for little time, and a build stays closer to its memory budget. A 96 MB
 * young generation was faster while drawing a PDF allocated more; since layout and drawing allocate
 * less, side-by-side builds show no gain from it, and it cost 60–100 MB. A school big enough to need
 * more fails with ERR_WORKER_OUT_OF_MEMORY (see the hint in PdfWorkers).
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 48 };

/**
 * Tasks each worker holds at once: the one it is drawing and those queued behind it. The worker must
 * never wait for this thread, which hands it the next task only between its own pieces of work: with
 * two, a 1,000-school build's worker sat idle for about 1.5 s while Astro started (bundling the page
 * code, on this thread, between loading and the first page), and now and then while pages rendered;
 * and its PDFs are what the pages wait for. 64 (about 1.5 s of PDFs) cover that start. A task is two
 * strings (the tree and data as JSON), so they hold 5-10 MB in the worker. Measured side by side at
 * 1,000 schools, eight pairs: the build 2.2 s faster on average (from 1.6 s slower to 5.9 s faster),
 * its PDFs done 0.1-5.5 s sooner.
 */
export const IN_FLIGHT = 64;

/**
 * The PDF worker threads of a build: each is given the next task as it finishes one, and writes the
 * file (and uses the cache) itself. Tasks can be added as they become known (as each school is loaded)
 * until `close`; once closed, a worker with nothing left ends. `files` says when each school's PDF is
 * written; if a worker fails, every PDF not yet written fails with it, as they do after `stop`.
 */
export class PdfWorkers {
  /** Each school's PDF, written (or failed), by slug. */
  readonly files = new Map<string, Promise<void>>();
  /** The cache keys of the PDFs written (see pdfCache.ts). */
  readonly keys = new Set<string>();
  #settle = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  #queue: PdfTask[] = [];
  #workers: WorkerState[] = [];
  #closed = false;
  #stopping = false;
  #failure?: Error;
  #done = 0;
  #written?: (done: number) => void;

  readonly cacheDir: string | undefined;
  readonly #inFlight: number;

  /** `inFlight`: tasks each worker holds at once (see IN_FLIGHT). */
  constructor(threads: number, cacheDir: string | undefined, { inFlight = IN_FLIGHT } = {}) {
    this.cacheDir = cacheDir;
    this.#inFlight = inFlight;
    for (let n = 0; n < threads; n++) this.#start();
  }

  /** A PDF to make (a school already added is not made twice). */
  add(task: PdfTask): void {
    if (this.files.has(task.slug)) return;
    if (this.#closed) throw new Error(`PDF of ${task.slug} added after the last`);
    const written = this.#failure ? Promise.reject(this.#failure) : new Promise<void>((resolve, reject) => void this.#settle.set(task.slug, { resolve, reject }));
    // Awaited by the build (or dropped with it, when loading found errors): handled here so a failure never crashes the process first.
    written.catch(() => {});
    this.files.set(task.slug, written);
    if (this.#failure) return;
    this.#queue.push(task);
    this.#send();
  }

  /**
   * No more tasks: those not yet sent go in the order of `slugs` (a school not among them is not made),
   * and `written` is told how many are done, now and as each is written.
   */
  close(slugs: string[], written: (done: number) => void): void {
    const rank = new Map(slugs.map((slug, i) => [slug, i]));
    this.#queue = this.#queue.filter((t) => rank.has(t.slug)).sort((a, b) => rank.get(a.slug)! - rank.get(b.slug)!);
    this.#closed = true;
    this.#written = written;
    if (this.#done > 0) written(this.#done);
    this.#send();
  }

  /** Stops every worker, and resolves once they have stopped (one that failed may have left another still writing); the PDFs not yet written then fail. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#queue.length = 0;
    await Promise.all(this.#workers.map(({ worker }) => worker.terminate()));
    this.#fail(new Error('the build stopped before this PDF was written'));
  }

  #start(): void {
    const finished = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(new URL('./pdfWorker.ts', import.meta.url), { resourceLimits: WORKER_HEAP, workerData: { finished } satisfies PdfWorkerData });
    const state: WorkerState = { worker, finished, sent: 0, answered: 0 };
    worker.on('message', (m: PdfAnswer) => {
      if (m.error !== undefined) {
        void worker.terminate();
        return this.#fail(new Error(`PDF of ${m.slug}: ${m.error}`));
      }
      state.answered++;
      if (m.key !== undefined) this.keys.add(m.key);
      this.#done++;
      this.#written?.(this.#done);
      this.#settle.get(m.slug)?.resolve();
      this.#settle.delete(m.slug);
      this.#send();
    });
    worker.on('error', (error: Error & { code?: string }) =>
      this.#fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new Error(`a PDF needed more memory than a worker thread has (${WORKER_HEAP.maxOldGenerationSizeMb} MB); build with POLICY_PRESS_THREADS=1 to make the PDFs on the main thread`) : error),
    );
    worker.on('exit', (code) => state.answered < state.sent && !this.#stopping && this.#fail(new Error(`a PDF worker stopped (exit code ${code}) before it finished`)));
    this.#workers.push(state);
  }

  /**
   * Gives each worker tasks up to its share in flight, counting those it has finished by the shared counter: this
   * thread, busy loading the schools, reads the workers' messages only once it is done. Once closed, a
   * worker whose every answer is in ends.
   */
  #send(): void {
    for (const state of this.#workers) {
      while (state.sent - Atomics.load(state.finished, 0) < this.#inFlight && this.#queue.length > 0) {
        const { job, file } = this.#queue.shift()!;
        const message: PdfMessage = this.cacheDir ? { job: job(), file, cacheDir: this.cacheDir } : { job: job(), file };
        state.worker.postMessage(message);
        state.sent++;
      }
      if (this.#closed && state.answered === state.sent) void state.worker.terminate();
    }
  }

  /** Every PDF not yet written fails, and so does any added later (a worker may have stopped while the schools were still loading). */
  #fail(error: Error): void {
    this.#failure ??= error;
    this.#queue.length = 0;
    for (const { reject } of this.#settle.values()) reject(error);
    this.#settle.clear();
  }
}
