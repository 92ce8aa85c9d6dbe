// A worker thread that writes PDFs for writePdfs: the same function, on another core.

import { parentPort, workerData } from 'node:worker_threads';
import { PdfCache, writeJobPdf } from './pdfCache.ts';
import type { PdfAnswer, PdfMessage, PdfWorkerData } from './writePdfs.ts';

let cache: PdfCache | undefined;

async function write({ job, file, cacheDir }: PdfMessage): Promise<void> {
  let answer: PdfAnswer;
  try {
    if (cacheDir && cache?.dir !== cacheDir) cache = new PdfCache(cacheDir, { isDir: true });
    answer = { slug: job.slug, key: await writeJobPdf(job, file, cacheDir ? cache : undefined) };
  } catch (error) {
    answer = { slug: job.slug, error: (error as Error).stack ?? String(error) };
  }
  // Counted before it is answered, so the main thread never reads an answer the count does not yet
  // include; it reads the count even while too busy to read this thread's messages.
  Atomics.add((workerData as PdfWorkerData).finished, 0, 1);
  parentPort!.postMessage(answer);
}

// writePdfs sends the next task before this one is done (see IN_FLIGHT there). They are written one
// after the other, not interleaved, so the worker holds one PDF's working memory at a time.
let queue = Promise.resolve();
parentPort!.on('message', (task: PdfMessage) => {
  queue = queue.then(() => write(task));
});
