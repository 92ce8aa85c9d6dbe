// Build step: dist/<slug>/policy.pdf for every school, drawn from its document tree, carrying its source.

import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Project } from '../project/loadProject.ts';
import { bySchoolName } from '../site/createSiteData.ts';
import type { BuildStep } from './buildProject.ts';
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

/** Below this many schools, starting threads (each loads the fonts) costs more than it saves. */
export const PARALLEL_FROM = 12;

/**
 * Writes the PDFs on worker threads and returns once they are started: each file is added to the
 * pending files, so the site (on this thread) renders meanwhile and a page awaits only its own PDF.
 * They are made in the order the site renders its pages. A PDF whose job and code are those of one
 * the last build made is copied from the cache instead (see pdfCache.ts), on the worker too.
 */
export const writePdfs: BuildStep = async (project, staging, { root, progress, env, cache: useCache = true }, pending) => {
  const data = new Map(project.schools.map((s) => [s.slug, s.data]));
  const tasks: PdfTask[] = [...project.documents]
    .map(([slug, doc]) => ({ slug, doc }))
    .sort(bySchoolName)
    .map(({ slug, doc }) => ({ slug, job: () => jobOf(doc, data.get(slug), env), file: join(staging, slug, 'policy.pdf') }));
  const cache = useCache ? new PdfCache(root) : undefined;
  const keys = new Set<string>();
  let done = 0;
  const written = (key: string | undefined) => {
    if (key !== undefined) keys.add(key);
    progress?.tick('PDFs', ++done, tasks.length);
  };
  const threads = Math.min(availableParallelism(), 4, Math.floor(tasks.length / (PARALLEL_FROM / 2)));
  if (threads < 2 || env?.POLICY_PRESS_THREADS === '1') {
    for (const { job, file } of tasks) written(await writeJobPdf(job(), file, cache));
    cache?.prune(keys);
    return;
  }
  const { files, stop } = inWorkers(threads, tasks, cache?.dir, written);
  pending.onStop(stop);
  for (const task of tasks) pending.add(`${task.slug}/policy.pdf`, files.get(task.slug)!);
  // Once every PDF is written, the cache keeps only this build's.
  if (cache) pending.add(PDF_CACHE_DIR, Promise.all(files.values()).then(() => cache.prune(keys)));
};

/** A school's PDF and the file it goes to. Its job is made as it is sent to a worker: a thousand jobs' JSON held at once would be 50-100 MB. */
interface PdfTask {
  slug: string;
  job: () => PdfJob;
  file: string;
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
 * more fails with ERR_WORKER_OUT_OF_MEMORY (see the hint in inWorkers).
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 48 };

/**
 * Tasks each worker holds at once: the one it is drawing and the next, already in its queue. With one,
 * a worker waited after each PDF for this thread, busy rendering pages, to hand it the next: about
 * 7 ms a PDF, a fifth of each worker's time in a 1,000-school build. With two it waits only while
 * the pages start.
 */
const IN_FLIGHT = 2;

/**
 * Runs the tasks on `threads` worker threads, each given the next as it finishes one; the workers
 * write the files (and use the cache) themselves. Returns when each school's PDF is written; if a
 * worker fails, every PDF not yet written fails with it, as they do when `stop` is called.
 */
function inWorkers(threads: number, tasks: PdfTask[], cacheDir: string | undefined, written: (key: string | undefined) => void): { files: Map<string, Promise<void>>; stop: () => Promise<void> } {
  const settle = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  const files = new Map(tasks.map((t) => [t.slug, new Promise<void>((resolve, reject) => void settle.set(t.slug, { resolve, reject }))]));
  const queue = [...tasks];
  const fail = (error: Error) => {
    queue.length = 0;
    for (const { reject } of settle.values()) reject(error);
    settle.clear();
  };
  const workers: Worker[] = [];
  let stopping = false;
  for (let n = 0; n < threads; n++) {
    const worker = new Worker(new URL('./pdfWorker.ts', import.meta.url), { resourceLimits: WORKER_HEAP });
    let inFlight = 0;
    const next = () => {
      while (inFlight < IN_FLIGHT && queue.length > 0) {
        const { job, file } = queue.shift()!;
        const message: PdfMessage = cacheDir ? { job: job(), file, cacheDir } : { job: job(), file };
        worker.postMessage(message);
        inFlight++;
      }
      if (inFlight === 0) void worker.terminate();
    };
    worker.on('message', (m: { slug: string; key?: string; error?: string }) => {
      if (m.error !== undefined) {
        void worker.terminate();
        return fail(new Error(`PDF of ${m.slug}: ${m.error}`));
      }
      inFlight--;
      written(m.key);
      settle.get(m.slug)?.resolve();
      settle.delete(m.slug);
      next();
    });
    worker.on('error', (error: Error & { code?: string }) =>
      fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new Error(`a PDF needed more memory than a worker thread has (${WORKER_HEAP.maxOldGenerationSizeMb} MB); build with POLICY_PRESS_THREADS=1 to make the PDFs on the main thread`) : error),
    );
    worker.on('exit', (code) => inFlight > 0 && !stopping && fail(new Error(`a PDF worker stopped (exit code ${code}) before it finished`)));
    workers.push(worker);
    next();
  }
  // Resolves once every worker has stopped (one that failed may have left another still writing);
  // the PDFs not yet written then fail.
  const stop = async () => {
    stopping = true;
    queue.length = 0;
    await Promise.all(workers.map((worker) => worker.terminate()));
    fail(new Error('the build stopped before this PDF was written'));
  };
  return { files, stop };
}
