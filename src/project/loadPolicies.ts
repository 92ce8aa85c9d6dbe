// The project as every output sees it: loaded, rendered, and with each school's changes since its last approval.

import { addChangeSummaries, type ChangesSinceApproval } from '../diff/changeSummary.ts';
import { loadProject, type Project, type ProjectOptions } from './loadProject.ts';
import type { World } from './World.ts';

export interface Policies extends Project {
  /** Schools whose policy changed since governors last signed it, by slug. */
  changes: Map<string, ChangesSinceApproval>;
}

/**
 * Text, web page and PDF must say the same words, so every command that
 * writes any of them loads through here; `check` needs only loadProject.
 */
export async function loadPolicies(world: World, options: ProjectOptions = {}): Promise<Policies> {
  const project = loadProject(world, options);
  if (project.diagnostics.some((d) => d.severity === 'error')) return { ...project, changes: new Map() };
  const summaries = await addChangeSummaries(project, world);
  return { ...project, diagnostics: [...project.diagnostics, ...summaries.diagnostics], changes: summaries.value };
}
