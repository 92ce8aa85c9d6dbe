// The project as every output sees it: loaded, rendered, and with each school's changes since its last approval.

import { type ChangesSinceApproval, changeSummaries } from '../diff/changeSummary.ts';
import { loadProject, type Project, type ProjectOptions } from './loadProject.ts';
import type { World } from './World.ts';

export interface Policies extends Project {
  /** Schools whose policy changed since governors last signed it, by slug. */
  changes: Map<string, ChangesSinceApproval>;
}

/**
 * Text, web page and PDF must say the same words, so every command that
 * writes any of them loads through here; `check` needs only loadProject.
 * Each school's summary of changes is added as soon as it is loaded, before
 * `onSchool` is told of it: its document is then final (the build starts its
 * PDF). A school with signed copies to read is told of once they are read.
 */
export async function loadPolicies(world: World, options: ProjectOptions = {}): Promise<Policies> {
  const summarise = changeSummaries(world);
  const changes = new Map<string, ChangesSinceApproval>();
  const waiting: Promise<void>[] = [];
  const project = loadProject(world, {
    ...options,
    onSchool: (school) => {
      const { slug, document: doc, data } = school;
      const summary = doc && data !== undefined ? summarise({ slug, doc, data, reads: school.reads }) : undefined;
      const told = (change: ChangesSinceApproval | undefined) => {
        if (change) changes.set(slug, change);
        options.onSchool?.(school);
      };
      if (summary instanceof Promise) waiting.push(summary.then(told));
      else told(summary);
    },
  });
  await Promise.all(waiting);
  if (project.diagnostics.some((d) => d.severity === 'error')) return { ...project, changes: new Map() };
  return { ...project, changes };
}
