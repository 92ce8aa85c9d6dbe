// Build step: dist/<slug>/policy.pdf for every school, drawn from its document tree, carrying its source.

import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Project } from '../project/loadProject.ts';
import { bySchoolName } from '../site/createSiteData.ts';
import type { BuildStep } from './buildProject.ts';
import { PdfCache } from './pdfCache.ts';
import { type PdfJob, pdfOf } from './pdfJob.ts';

function jobFor(project: Project, slug: string, env: NodeJS.ProcessEnv = {}): PdfJob {
  const doc = project.documents.get(slug);
  if (!doc) throw new Error(`no document for ${slug}`);
  return { doc, data: project.schools.find((s) => s.slug === slug)?.data, env: { SOURCE_DATE_EPOCH: env.SOURCE_DATE_EPOCH } };
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
 * the last build made is copied from the cache instead (see pdfCache.ts).
 */
export const writePdfs: BuildStep = async (project, staging, { root, progress, env, cache: useCache = true }, pending) => {
  const data = new Map(project.schools.map((s) => [s.slug, s.data]));
  const jobs: PdfJob[] = [...project.documents]
    .map(([slug, doc]) => ({ slug, doc }))
    .sort(bySchoolName)
    .map(({ doc }) => ({ doc, data: data.get(doc.slug), env: { SOURCE_DATE_EPOCH: env?.SOURCE_DATE_EPOCH } }));
  const cache = useCache ? new PdfCache(root) : undefined;
  const keys = new Map<string, string>();
  let done = 0;
  const write = (slug: string, bytes: Uint8Array) => {
    mkdirSync(join(staging, slug), { recursive: true });
    writeFileSync(join(staging, slug, 'policy.pdf'), bytes);
    const key = keys.get(slug);
    if (key) cache!.put(key, bytes);
    progress?.tick('PDFs', ++done, jobs.length);
  };
  // PDFs unchanged since the last build are copied from the cache; only the rest are drawn.
  const toDraw: PdfJob[] = [];
  for (const job of jobs) {
    const { slug } = job.doc;
    const key = cache?.key(job);
    mkdirSync(join(staging, slug), { recursive: true });
    if (key !== undefined && cache!.copyTo(key, join(staging, slug, 'policy.pdf'))) {
      progress?.tick('PDFs', ++done, jobs.length);
      continue;
    }
    if (key !== undefined) keys.set(slug, key);
    toDraw.push(job);
  }
  cache?.prune();

  const threads = Math.min(availableParallelism(), 4, Math.floor(toDraw.length / (PARALLEL_FROM / 2)));
  if (threads < 2 || env?.POLICY_PRESS_THREADS === '1') {
    for (const job of toDraw) write(job.doc.slug, await pdfOf(job));
    return;
  }
  const written = inWorkers(threads, toDraw, write);
  for (const job of toDraw) pending.add(`${job.doc.slug}/policy.pdf`, written.get(job.doc.slug)!);
};

/**
 * Left to itself each worker's heap grew to over 250 MB of garbage in a 1,000-school build; with these
 * limits V8 collects sooner, for little time, and a build stays within its memory budget. A school big
 * enough to need more fails with ERR_WORKER_OUT_OF_MEMORY (see the hint in inWorkers).
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 48 };

/**
 * Runs the jobs on `threads` worker threads, each taking the next job as it finishes one.
 * Returns when each school's PDF is written; if a worker fails, every PDF not yet written fails with it.
 */
function inWorkers(threads: number, jobs: PdfJob[], write: (slug: string, bytes: Uint8Array) => void): Map<string, Promise<void>> {
  const settle = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  const written = new Map(
    jobs.map((job) => [job.doc.slug, new Promise<void>((resolve, reject) => void settle.set(job.doc.slug, { resolve, reject }))]),
  );
  const queue = [...jobs];
  const fail = (error: Error) => {
    queue.length = 0;
    for (const { reject } of settle.values()) reject(error);
    settle.clear();
  };
  for (let n = 0; n < threads; n++) {
    const worker = new Worker(new URL('./pdfWorker.ts', import.meta.url), { resourceLimits: WORKER_HEAP });
    let busy = false;
    const next = () => {
      const job = queue.shift();
      busy = job !== undefined;
      if (job) worker.postMessage(job);
      else void worker.terminate();
    };
    worker.on('message', (m: { slug: string; bytes?: Uint8Array; error?: string }) => {
      if (m.error !== undefined || !m.bytes) {
        void worker.terminate();
        return fail(new Error(`PDF of ${m.slug}: ${m.error}`));
      }
      try {
        write(m.slug, m.bytes);
      } catch (error) {
        void worker.terminate();
        return fail(error as Error);
      }
      settle.get(m.slug)?.resolve();
      settle.delete(m.slug);
      next();
    });
    worker.on('error', (error: Error & { code?: string }) =>
      fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new Error(`a PDF needed more memory than a worker thread has (${WORKER_HEAP.maxOldGenerationSizeMb} MB); build with POLICY_PRESS_THREADS=1 to make the PDFs on the main thread`) : error),
    );
    worker.on('exit', (code) => busy && fail(new Error(`a PDF worker stopped (exit code ${code}) before it finished`)));
    next();
  }
  return written;
}
