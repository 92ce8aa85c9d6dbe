// A worker thread that writes PDFs for writePdfs: the same function, on another core.

import { parentPort } from 'node:worker_threads';
import { type PdfJob, pdfOf } from './pdfJob.ts';

parentPort!.on('message', async (job: PdfJob) => {
  try {
    const bytes = await pdfOf(job);
    parentPort!.postMessage({ slug: job.doc.slug, bytes }, [bytes.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ slug: job.doc.slug, error: (error as Error).stack ?? String(error) });
  }
});
