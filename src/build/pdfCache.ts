// PDFs of earlier builds, by everything they are made from: a rebuild draws only the PDFs whose school, templates or code changed.
//
// A PDF is a pure function of its job (the document tree, the school's data, SOURCE_DATE_EPOCH) and of the
// code that draws it, so the key is a digest of the job and of a fingerprint of that code: every file of
// src/, the lockfile (pdf-lib, fontkit, the fonts) and the Node version (its zlib), see buildCache.ts. Any
// change to any of them is a different key; a hit is the same bytes a fresh drawing would give.

import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CACHE_DIR, codeFingerprint } from './buildCache.ts';
import { type PdfJob, pdfOf } from './pdfJob.ts';

export const PDF_CACHE_DIR = `${CACHE_DIR}/pdf`;

export class PdfCache {
  readonly dir: string;

  /** The cache of the project at `root`, or a cache folder itself (what a worker thread is given). */
  constructor(root: string, { isDir = false } = {}) {
    this.dir = isDir ? root : join(root, PDF_CACHE_DIR);
  }

  key(job: PdfJob): string {
    const hash = createHash('sha256').update(codeFingerprint());
    // Each part with its length first, so no two jobs give the same bytes to hash.
    for (const part of [job.slug, job.tree, job.data ?? '', JSON.stringify(job.env)]) hash.update(`${part.length}:`).update(part);
    return hash.digest('hex');
  }

  /** Copies the PDF an earlier build made for this key to `file` (by the file system, not through memory); false when there is none. */
  copyTo(key: string, file: string): boolean {
    try {
      copyFileSync(join(this.dir, `${key}.pdf`), file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /** Kept for the next build; written aside and renamed, so a build stopped halfway never leaves half a file. */
  put(key: string, bytes: Uint8Array): void {
    mkdirSync(this.dir, { recursive: true });
    const file = join(this.dir, `${key}.pdf`);
    writeFileSync(`${file}.${process.pid}.tmp`, bytes);
    renameSync(`${file}.${process.pid}.tmp`, file);
  }

  /** Removes what this build did not use (`used`: its keys): the cache holds the PDFs of the latest build, no more. */
  prune(used: ReadonlySet<string>): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (!used.has(name.replace(/\.pdf$/, ''))) rmSync(join(this.dir, name), { force: true });
    }
  }
}

/**
 * Writes a job's PDF to `file`: copied from the cache when an earlier build made it, else drawn (and
 * kept in the cache). The same on the main thread and on a worker. Returns the cache key, if any.
 */
export async function writeJobPdf(job: PdfJob, file: string, cache: PdfCache | undefined): Promise<string | undefined> {
  mkdirSync(dirname(file), { recursive: true });
  const key = cache?.key(job);
  if (key !== undefined && cache!.copyTo(key, file)) return key;
  const bytes = await pdfOf(job);
  writeFileSync(file, bytes);
  if (key !== undefined) cache!.put(key, bytes);
  return key;
}
