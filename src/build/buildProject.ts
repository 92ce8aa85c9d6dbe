// The main job: validate everything, then write every output into a staging folder and publish it as dist/.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.ts';
import { type LoadedSchool, listSchoolFiles, type Project } from '../project/loadProject.ts';
import { loadPolicies, type Policies } from '../project/loadPolicies.ts';
import type { World } from '../project/World.ts';
import { toPlainText } from '../write/text/toPlainText.ts';
import { publishSignedCopies } from './publishSignedCopies.ts';
import { removeStoppedBuilds, replaceDirectory, stagingFolder } from './replaceDirectory.ts';
import { sealPdfs } from './sealPdfs.ts';
import { pdfCacheDir, PdfWorkers, pdfTask, pdfThreads, writePdfs } from './writePdfs.ts';
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

/** What a step is given: the build's options, and the PDF workers when the build started them before loading (see Build). */
export interface StepOptions extends BuildOptions {
  pdfWorkers?: PdfWorkers;
}

/** A step writes its part of the output into the staging folder (or starts to: see PendingFiles). */
export type BuildStep = (project: Project, staging: string, options: StepOptions, pending: PendingFiles) => Promise<void>;

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

/** Builds a loaded project (the caller has already checked it has no errors) into dist/; returns the folder. */
export async function buildProject(project: Project, options: BuildOptions, steps: BuildStep[] = BUILD_STEPS): Promise<string> {
  return new Build(options).publish(project, steps);
}

/**
 * One build, from before its project is loaded to dist/. The staging folder is made first and, given
 * how many schools there are, the PDF workers start: the project is then loaded with `schoolLoaded`
 * told of each school, so each PDF is drawn while this thread loads the others, on a core that loading
 * leaves idle (at 1,000 schools, loading takes about 5 s). If loading finds errors, `abandon` stops the
 * workers and removes the staging folder: dist/ is never touched before `publish`.
 */
export class Build {
  readonly outDir: string;
  readonly staging: string;
  #pending = new PendingFiles();
  #pdfWorkers?: PdfWorkers;
  /** Set once the build is stopped from outside (see interrupted()). */
  #interrupted?: Promise<void>;

  readonly options: BuildOptions;
  /** How many schools the project has (its school files), which decides how many PDF workers start. */
  readonly schools: number;

  constructor(options: BuildOptions, { schools = 0 } = {}) {
    this.options = options;
    this.schools = schools;
    // Absolute: Astro resolves a relative output folder against its own root, not the working folder.
    this.outDir = resolve(options.outDir ?? join(options.root, 'dist'));
    // --out build/site in a project without build/ yet: the staging folder goes beside it.
    mkdirSync(dirname(this.outDir), { recursive: true });
    removeStoppedBuilds(this.outDir);
    this.staging = stagingFolder(this.outDir);
    // Stopped from outside (the build command's Ctrl-C): see interrupted().
    options.signal?.addEventListener('abort', () => {
      this.#interrupted = this.#removeWhenStopped();
    });
    const threads = pdfThreads(schools, options.env);
    if (threads > 0) {
      this.#pdfWorkers = new PdfWorkers(threads, pdfCacheDir(options));
      this.#pending.onStop(() => this.#pdfWorkers!.stop());
    }
  }

  /** A build of the project in `world` (`options.root` is its root), its PDF workers started for the schools it has. */
  static of(world: World, options: BuildOptions): Build {
    return new Build(options, { schools: listSchoolFiles(world).value.length });
  }

  /**
   * Loads the project as every command that writes it does (loadPolicies), each school's PDF started as
   * soon as the school is loaded; `onSchool` is told of each school too. If loading fails, so does the build.
   */
  async load(world: World, onSchool?: (school: LoadedSchool) => void): Promise<Policies> {
    try {
      return await loadPolicies(world, {
        onSchool: (school) => {
          this.schoolLoaded(school);
          onSchool?.(school);
        },
      });
    } catch (error) {
      await this.abandon();
      throw error;
    }
  }

  /** A school has been loaded: its PDF is started, when the workers are (a school with problems has no document, and the build will not publish). */
  schoolLoaded = ({ slug, document, data }: LoadedSchool): void => {
    if (document && this.#pdfWorkers) this.#pdfWorkers.add(pdfTask(this.staging, slug, document, data, this.options.env));
  };

  /** Runs the steps into the staging folder and, when all succeed, swaps it in for dist/; returns dist/. */
  async publish(project: Project, steps: BuildStep[] = BUILD_STEPS): Promise<string> {
    const options: StepOptions = { ...this.options, pdfWorkers: this.#pdfWorkers };
    try {
      for (const step of steps) await step(project, this.staging, options, this.#pending);
      await this.#pending.settle();
      // Stopped from outside meanwhile: the build command ends the process once the staging folder is
      // removed (see interrupted()), and dist/ stays as it was.
      if (this.options.signal?.aborted) return await new Promise<never>(() => {});
      replaceDirectory(this.staging, this.outDir);
    } catch (error) {
      await this.abandon();
      throw error;
    }
    return this.outDir;
  }

  /**
   * The build has failed (or its project has errors): the files still to come would be thrown away, so
   * they are not made (at 1,000 schools a bad setting was reported only once every PDF was). Nothing may
   * still be writing into the folder as it is removed, so what was started is waited for.
   */
  async abandon(): Promise<void> {
    await this.#pending.stop();
    await this.#pending.settle().catch(() => {});
    this.#removeStaging();
  }

  /**
   * Resolves once a build stopped from outside (its options' signal) has removed its staging folder; at
   * once if it was not stopped. The folder goes at once, as far as it can, and again once the PDF workers
   * have stopped: one writing a PDF into it meanwhile left a folder behind. What is still left (Astro's
   * last writes in flight), the next build removes.
   */
  interrupted(): Promise<void> {
    return this.#interrupted ?? Promise.resolve();
  }

  async #removeWhenStopped(): Promise<void> {
    try {
      this.#removeStaging();
    } catch {}
    await this.#pdfWorkers?.stop().catch(() => {});
    try {
      this.#removeStaging();
    } catch {}
  }

  #removeStaging(): void {
    rmSync(this.staging, { recursive: true, force: true, maxRetries: 2 });
  }
}
