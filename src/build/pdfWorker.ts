// A worker thread that writes PDFs for writePdfs: the same function, on another core.

import { parentPort } from 'node:worker_threads';
import { writePdf } from '../write/pdf/writePdf.ts';
import type { PdfJob } from './writePdfs.ts';

parentPort!.on('message', async (job: PdfJob) => {
  try {
    const bytes = await writePdf(job.doc, { env: job.env, attachments: job.attachments });
    parentPort!.postMessage({ slug: job.doc.slug, bytes }, [bytes.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ slug: job.doc.slug, error: (error as Error).stack ?? String(error) });
  }
});
