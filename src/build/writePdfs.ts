// Build step: dist/<slug>/policy.pdf for every school, drawn from its document tree, carrying its source.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sourceAttachments } from '../diff/embeddedSource.ts';
import type { Project } from '../project/loadProject.ts';
import { writePdf } from '../write/pdf/writePdf.ts';
import { toPlainText } from '../write/text/toPlainText.ts';
import type { BuildStep } from './buildProject.ts';

/** A school's PDF as `build` and `pdf` write it: with its text, data and tree attached, so any copy can be compared later. */
export async function schoolPdf(project: Project, slug: string, env: NodeJS.ProcessEnv = {}): Promise<Uint8Array> {
  const doc = project.documents.get(slug);
  if (!doc) throw new Error(`no document for ${slug}`);
  const school = project.schools.find((s) => s.slug === slug);
  return writePdf(doc, {
    env: { SOURCE_DATE_EPOCH: env.SOURCE_DATE_EPOCH },
    attachments: school ? sourceAttachments(doc, school.data, toPlainText(doc)) : [],
  });
}

export const writePdfs: BuildStep = async (project, staging, { progress, env }) => {
  let done = 0;
  for (const slug of project.documents.keys()) {
    mkdirSync(join(staging, slug), { recursive: true });
    writeFileSync(join(staging, slug, 'policy.pdf'), await schoolPdf(project, slug, env));
    progress?.tick('PDFs', ++done, project.documents.size);
  }
};
