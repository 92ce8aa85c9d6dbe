// A school's policy at a point in time: a git revision, or the working tree.

import type { Diagnostic } from '../diagnostics/index.ts';
import { loadProject } from '../project/loadProject.ts';
import type { World } from '../project/World.ts';
import type { PolicyDocument } from '../tree/types.ts';
import { toPlainText } from '../write/text/toPlainText.ts';
import { lastChanges } from './lastChanges.ts';

export interface PolicyVersion {
  /** How to call it: "a1b2c3d", "the working tree", "approved/…/2024-10-03.pdf". */
  label: string;
  /** Undefined when the school did not exist then: everything shows as added. */
  doc?: PolicyDocument;
  /** The school's resolved data, for the summary of data changes. */
  data?: unknown;
}

export function versionFromWorld(world: World, slug: string, label: string): { value: PolicyVersion | undefined; diagnostics: Diagnostic[] } {
  const project = loadProject(world, { only: [slug] });
  const missing = project.diagnostics.some((d) => d.code === 'UNKNOWN_SCHOOL');
  if (missing) return { value: { label }, diagnostics: [] };
  // (Another school's file wrongly named then is no reason this one cannot be shown: loadProject leaves that out.)
  const errors = project.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    // Name the revision: the files may no longer look like that in the working tree.
    return { value: undefined, diagnostics: errors.map((d) => ({ ...d, message: `at ${label}: ${d.message}` })) };
  }
  return { value: { label, doc: project.documents.get(slug), data: project.schools.find((s) => s.slug === slug)?.data }, diagnostics: [] };
}

/**
 * The newest commit whose rendering of the school differs from `current`:
 * comparing with it shows the most recent change to the school's policy,
 * whether it came from the school file, its defaults or the templates.
 */
export function lastChangedRevision(world: World, slug: string, current: PolicyVersion): string | undefined {
  return lastChanges(world, [{ slug, text: current.doc ? toPlainText(current.doc) : '' }]).get(slug)?.commit;
}
