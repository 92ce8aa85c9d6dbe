// Build step: dist/<slug>/policy.pdf for every school, drawn from its document tree, carrying its source.

import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { sourceAttachments } from '../diff/embeddedSource.ts';
import type { Project } from '../project/loadProject.ts';
import type { PolicyDocument } from '../tree/types.ts';
import type { Attachment } from '../write/pdf/draw/drawPdf.ts';
import { writePdf } from '../write/pdf/writePdf.ts';
import { toPlainText } from '../write/text/toPlainText.ts';
import type { BuildStep } from './buildProject.ts';

/** Everything writePdf needs for one school, as plain data a worker thread can be sent. */
export interface PdfJob {
  doc: PolicyDocument;
  env: { SOURCE_DATE_EPOCH?: string | undefined };
  attachments: Attachment[];
}

function jobFor(project: Project, slug: string, env: NodeJS.ProcessEnv = {}): PdfJob {
  const doc = project.documents.get(slug);
  if (!doc) throw new Error(`no document for ${slug}`);
  const school = project.schools.find((s) => s.slug === slug);
  return { doc, env: { SOURCE_DATE_EPOCH: env.SOURCE_DATE_EPOCH }, attachments: school ? sourceAttachments(doc, school.data, toPlainText(doc)) : [] };
}

/** A school's PDF as `build` and `pdf` write it: with its text, data and tree attached, so any copy can be compared later. */
export async function schoolPdf(project: Project, slug: string, env: NodeJS.ProcessEnv = {}): Promise<Uint8Array> {
  const job = jobFor(project, slug, env);
  return writePdf(job.doc, { env: job.env, attachments: job.attachments });
}

/** Below this many schools, starting threads (each loads the fonts) costs more than it saves. */
export const PARALLEL_FROM = 12;

export const writePdfs: BuildStep = async (project, staging, { progress, env }) => {
  const slugs = [...project.documents.keys()];
  let done = 0;
  const write = (slug: string, bytes: Uint8Array) => {
    mkdirSync(join(staging, slug), { recursive: true });
    writeFileSync(join(staging, slug, 'policy.pdf'), bytes);
    progress?.tick('PDFs', ++done, slugs.length);
  };
  const threads = Math.min(availableParallelism(), 4, Math.floor(slugs.length / (PARALLEL_FROM / 2)));
  if (threads < 2 || env?.POLICY_PRESS_THREADS === '1') {
    for (const slug of slugs) write(slug, await schoolPdf(project, slug, env));
    return;
  }
  await inWorkers(threads, slugs.map((slug) => jobFor(project, slug, env)), write);
};

/** Runs the jobs on `threads` worker threads, each taking the next job as it finishes one. Each PDF is the same bytes as in-process. */
async function inWorkers(threads: number, jobs: PdfJob[], write: (slug: string, bytes: Uint8Array) => void): Promise<void> {
  const queue = [...jobs];
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./pdfWorker.ts', import.meta.url)));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const next = () => {
              const job = queue.shift();
              if (job) worker.postMessage(job);
              else resolve();
            };
            worker.on('message', (m: { slug: string; bytes?: Uint8Array; error?: string }) => {
              if (m.error !== undefined || !m.bytes) return reject(new Error(`PDF of ${m.slug}: ${m.error}`));
              write(m.slug, m.bytes);
              next();
            });
            worker.on('error', reject);
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
