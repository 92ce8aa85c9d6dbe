// A worker thread that writes PDFs for writePdfs: the same function, on another core.

import { parentPort } from 'node:worker_threads';
import { PdfCache, writeJobPdf } from './pdfCache.ts';
import type { PdfMessage } from './writePdfs.ts';

let cache: PdfCache | undefined;

async function write({ job, file, cacheDir }: PdfMessage): Promise<void> {
  try {
    if (cacheDir && cache?.dir !== cacheDir) cache = new PdfCache(cacheDir, { isDir: true });
    const key = await writeJobPdf(job, file, cacheDir ? cache : undefined);
    parentPort!.postMessage({ slug: job.slug, key });
  } catch (error) {
    parentPort!.postMessage({ slug: job.slug, error: (error as Error).stack ?? String(error) });
  }
}

// writePdfs sends the next task before this one is done (see IN_FLIGHT there). They are written one
// after the other, not interleaved, so the worker holds one PDF's working memory at a time.
let queue = Promise.resolve();
parentPort!.on('message', (task: PdfMessage) => {
  queue = queue.then(() => write(task));
});
