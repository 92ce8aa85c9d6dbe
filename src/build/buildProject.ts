// The main job: validate everything, then write every output into a staging folder and publish it as dist/.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.ts';
import type { Project } from '../project/loadProject.ts';
import { toPlainText } from '../write/text/toPlainText.ts';
import { publishSignedCopies } from './publishSignedCopies.ts';
import { replaceDirectory } from './replaceDirectory.ts';
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
  /** Told of warnings a step finds (e.g. a signed copy that no longer verifies); errors are thrown as BuildStepFailed. */
  report?: (diagnostics: Diagnostic[]) => void;
}

/** A step writes its part of the output into the staging folder. */
export type BuildStep = (project: Project, staging: string, options: BuildOptions) => Promise<void>;

/** Writes dist/<slug>/policy.txt: the text every other output must match. */
export const writeTexts: BuildStep = async (project, staging, { progress }) => {
  let done = 0;
  for (const [slug, doc] of project.documents) {
    mkdirSync(join(staging, slug), { recursive: true });
    writeFileSync(join(staging, slug, 'policy.txt'), toPlainText(doc));
    progress?.tick('texts', ++done, project.documents.size);
  }
};

// The site goes last: its pages link to the files the other steps wrote (the PDF, with its size).
export const BUILD_STEPS: BuildStep[] = [writeTexts, writePdfs, sealPdfs, publishSignedCopies, writeSite];

/** Caller has already checked the project has no errors. */
export async function buildProject(project: Project, options: BuildOptions, steps: BuildStep[] = BUILD_STEPS): Promise<string> {
  const outDir = options.outDir ?? join(options.root, 'dist');
  const staging = mkdtempSync(`${outDir}.staging-`);
  try {
    for (const step of steps) await step(project, staging, options);
    replaceDirectory(staging, outDir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return outDir;
}
