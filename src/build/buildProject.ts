// The main job: validate everything, then write every output into a staging folder and publish it as dist/.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.ts';
import type { Project } from '../project/loadProject.ts';
import { toPlainText } from '../write/text/toPlainText.ts';
import { publishSignedCopies } from './publishSignedCopies.ts';
import { removeStoppedBuilds, replaceDirectory, stagingFolder } from './replaceDirectory.ts';
import { sealPdfs } from './sealPdfs.ts';
import { writePdfs } from './writePdfs.ts';
import { writeSite } from './writeSite.ts';

export interface Progress {
  /** One unit of a named task is done (e.g. "pages" 3 of 12). */
  tick(task: string, done: number, total: number): void;
}

export interface BuildOptions {
  root: string;
  outDir?: string;
  /** URL path the site is served under, e.g. "/policies/" (default "/", or POLICY_PRESS_BASE). */
  base?: string;
  progress?: Progress;
  env?: NodeJS.ProcessEnv;
  /** Reuse PDFs of the last build whose inputs and code are unchanged (default true; see build/pdfCache.ts). */
  cache?: boolean;
  /** Aborted when the build is stopped from outside (Ctrl-C): the staging folder is removed then and there. */
  signal?: AbortSignal;
  /** Told of warnings a step finds (e.g. a signed copy that no longer verifies); errors are thrown as BuildStepFailed. */
  report?: (diagnostics: Diagnostic[]) => void;
}

/**
 * Files a step is still writing when it returns, by path under the staging folder. The PDFs are made on
 * worker threads while the site's pages render on this one; a page that links a PDF awaits that file.
 */
export class PendingFiles {
  #files = new Map<string, Promise<void>>();
  #stops: (() => Promise<void>)[] = [];

  /** A file being written; if writing fails, the build fails (when it settles, or when a later step awaits the file). */
  add(path: string, written: Promise<void>): void {
    // Handled here so a failure waits for settle() or of() rather than crashing the process first.
    written.catch(() => {});
    this.#files.set(path, written);
  }

  /** Resolves once the file is written; at once for a file nobody is writing. */
  async of(path: string): Promise<void> {
    await this.#files.get(path);
  }

  /** How to stop writing the files not yet written, when the build fails (the PDF workers): resolves once nothing is writing. */
  onStop(stop: () => Promise<void>): void {
    this.#stops.push(stop);
  }

  /** Stops the work onStop was told of (each file not yet written then fails), and waits until it has stopped. */
  async stop(): Promise<void> {
    await Promise.all(this.#stops.splice(0).map((stop) => stop()));
  }

  /** Waits for every file; throws the first failure. */
  async settle(): Promise<void> {
    const failed = (await Promise.allSettled(this.#files.values())).find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }
}

/** A step writes its part of the output into the staging folder (or starts to: see PendingFiles). */
export type BuildStep = (project: Project, staging: string, options: BuildOptions, pending: PendingFiles) => Promise<void>;

/** Writes dist/<slug>/policy.txt: the text every other output must match. */
export const writeTexts: BuildStep = async (project, staging, { progress }) => {
  let done = 0;
  for (const [slug, doc] of project.documents) {
    mkdirSync(join(staging, slug), { recursive: true });
    writeFileSync(join(staging, slug, 'policy.txt'), toPlainText(doc));
    progress?.tick('texts', ++done, project.documents.size);
  }
};

// The site goes last: its pages link to the files the other steps wrote (the PDF, with its size), awaiting any still being written.
export const BUILD_STEPS: BuildStep[] = [writeTexts, writePdfs, sealPdfs, publishSignedCopies, writeSite];

/** Caller has already checked the project has no errors. */
export async function buildProject(project: Project, options: BuildOptions, steps: BuildStep[] = BUILD_STEPS): Promise<string> {
  // Absolute: Astro resolves a relative output folder against its own root, not the working folder.
  const outDir = resolve(options.outDir ?? join(options.root, 'dist'));
  removeStoppedBuilds(outDir);
  const staging = stagingFolder(outDir);
  // Stopped from outside (the build command's Ctrl-C): the staging folder goes at once, as far as it can
  // while the PDF workers may still be writing into it; what is left, the next build removes.
  const removeStaging = () => rmSync(staging, { recursive: true, force: true, maxRetries: 2 });
  options.signal?.addEventListener('abort', () => {
    try {
      removeStaging();
    } catch {}
  });
  const pending = new PendingFiles();
  try {
    for (const step of steps) await step(project, staging, options, pending);
    await pending.settle();
    replaceDirectory(staging, outDir);
  } catch (error) {
    // The build has failed: the files still to come would be thrown away, so they are not made (at
    // 1,000 schools a bad setting was reported only once every PDF was). Nothing may still be writing
    // into the folder as it is removed, so what was started is waited for.
    await pending.stop();
    await pending.settle().catch(() => {});
    removeStaging();
    throw error;
  }
  return outDir;
}
