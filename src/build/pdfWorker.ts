// A worker thread that writes PDFs for writePdfs: the same function, on another core.

import { parentPort } from 'node:worker_threads';
import { PdfCache, writeJobPdf } from './pdfCache.ts';
import type { PdfTask } from './writePdfs.ts';

let cache: PdfCache | undefined;

parentPort!.on('message', async ({ job, file, cacheDir }: PdfTask) => {
  try {
    if (cacheDir && cache?.dir !== cacheDir) cache = new PdfCache(cacheDir, { isDir: true });
    const key = await writeJobPdf(job, file, cacheDir ? cache : undefined);
    parentPort!.postMessage({ slug: job.doc.slug, key });
  } catch (error) {
    parentPort!.postMessage({ slug: job.doc.slug, error: (error as Error).stack ?? String(error) });
  }
});
