// Internal links (`[text](#id)`) must reach a section or clause of the school's own document; `[](#id)` takes the section's title.

import type { Diagnostic } from '../diagnostics/index.ts';
import type { Block, Inline, ListItem, PolicyDocument } from '../tree/types.ts';
import { locate } from '../validate/toDiagnostics.ts';
import type { School } from '../validate/validateSchool.ts';
import type { TemplateFamily } from './loadFamily.ts';

/**
 * Runs after the school's changes, so a link follows a section the school
 * retitled, and a link to something the school left out is reported where it
 * was left out. Fills in empty link text in place.
 */
export function resolveLinks(doc: PolicyDocument, school: School, family: TemplateFamily): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const targets = new Map<string, { title?: string }>();
  const links: Extract<Inline, { type: 'link' }>[] = [];

  const inlines = (nodes: readonly Inline[]) => {
    for (const n of nodes) {
      if (n.type === 'link' && n.url.startsWith('#')) links.push(n);
      if (n.type !== 'text') inlines(n.children);
    }
  };
  const blocks = (nodes: readonly (Block | ListItem)[]) => {
    for (const n of nodes) {
      if (n.type === 'section') targets.set(n.id, { title: n.title });
      else if ((n.type === 'paragraph' || n.type === 'listItem') && n.id) targets.set(n.id, {});
      if (n.type === 'paragraph') inlines(n.children);
      else if (n.type === 'section' || n.type === 'listItem') blocks(n.children);
      else if (n.type === 'list') blocks(n.items);
      else if (n.type === 'table') n.groups.forEach((g) => g.rows.forEach((r) => r.cells.forEach(inlines)));
    }
  };
  blocks(doc.children);

  for (const link of links) {
    const id = link.url.slice(1);
    const target = targets.get(id);
    if (target) {
      if (link.children.length === 0 && target.title) link.children = [{ type: 'text', value: target.title }];
      continue;
    }
    if (!family.ids.has(id)) continue; // the family's check reports it, at the link
    const omitted = school.data.clauses?.omit?.indexOf(id) ?? -1;
    const inTemplate = family.sections.find((s) => s.links.some((l) => l.id === id));
    const where = omitted >= 0 ? locate(school.locator, ['clauses', 'omit', omitted]) : { file: inTemplate?.file ?? `templates/${family.name}`, line: inTemplate?.links.find((l) => l.id === id)?.line };
    diagnostics.push({
      code: 'LINK_TARGET_MISSING',
      severity: 'error',
      message: `the policy links to "${id}", which ${school.slug}'s policy ${omitted >= 0 ? 'leaves out' : 'does not have'}`,
      hint: omitted >= 0 ? 'keep it, or also reword the clause that links to it with `clauses.replace`' : 'the link’s target is left out by a template condition for this school; make the link conditional too',
      ...where,
    });
  }
  return diagnostics;
}
