// A school's own changes by clause id: leave out, reword, add, retitle — without copying the template.

import { didYouMean, type Diagnostic } from '../diagnostics/index.ts';
import type { DataPath } from '../load/parseYamlFile.ts';
import type { Block, ListItem, PolicyDocument, Section } from '../tree/types.ts';
import { locate } from '../validate/toDiagnostics.ts';
import type { School } from '../validate/validateSchool.ts';
import type { TemplateFamily } from './loadFamily.ts';
import { findMarkers, MARKER_HINT } from './markers.ts';

type Container = { list: Block[] | ListItem[]; index: number; section: Section };

export function applyCustomisations(doc: PolicyDocument, school: School, family: TemplateFamily): { value: PolicyDocument; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const { clauses, sections } = school.data;
  // The tree was built for this school alone (toTree makes fresh nodes), so it is changed in place.
  const out = doc;
  const report = (path: DataPath, code: string, message: string, hint?: string, severity: 'error' | 'warning' = 'error') => {
    const at = locate(school.locator, path);
    diagnostics.push({ code, severity, message: at.file !== school.file ? `${message} (inherited from ${at.file})` : message, hint, ...at });
  };

  /** Checks an id the school names: it must exist in the family, and is reported when this school's data leaves it out. */
  const find = (id: string, path: DataPath, what: 'clause' | 'section'): Container | undefined => {
    const found = findById(out.children, id);
    if (found && (what === 'section' ? isSection(found) : !isSection(found))) return found;
    if (family.ids.has(id) && !found) {
      report(path, 'CLAUSE_NOT_PRESENT', `${what} "${id}" is not in ${school.slug}'s policy: its template condition leaves it out for this school`, 'remove this line, or set the data that the clause depends on', 'warning');
      return undefined;
    }
    const guess = didYouMean(id, [...family.ids]);
    report(path, what === 'section' ? 'UNKNOWN_SECTION' : 'UNKNOWN_CLAUSE', `there is no ${what} "${id}" in the ${family.name} template`, guess ? `did you mean "${guess}"?` : `list the ids with \`npx policy-press text ${school.slug} --ids\``);
    return undefined;
  };

  const checkMarkers = (text: string, path: DataPath) => {
    for (const hit of findMarkers(text)) {
      report(path, 'MODEL_POLICY_MARKER', `the school's clause still holds the model-policy marker ${JSON.stringify(hit.text)}`, MARKER_HINT);
    }
  };

  for (const [id, text] of Object.entries(clauses?.replace ?? {})) {
    const path = ['clauses', 'replace', id];
    checkMarkers(text, path);
    const at = find(id, path, 'clause');
    if (!at) continue;
    const node = at.list[at.index]!;
    const children = [{ type: 'text' as const, value: text }];
    if (node.type === 'paragraph') node.children = children;
    else if (node.type === 'listItem') node.children = [{ type: 'paragraph', children }];
  }

  (clauses?.add ?? []).forEach((added, i) => {
    const path = ['clauses', 'add', i];
    checkMarkers(added.text, [...path, 'text']);
    const section = find(added.section, [...path, 'section'], 'section');
    if (!section) return;
    const target = section.list[section.index] as Section;
    const id = added.id ?? `${added.section}-own-${i + 1}`;
    if (findById(out.children, id)) {
      report([...path, 'id'], 'DUPLICATE_CLAUSE_ID', `the id "${id}" is already used in this policy`, 'choose another id');
      return;
    }
    const paragraph = { type: 'paragraph' as const, children: [{ type: 'text' as const, value: added.text }] };
    if (added.after) {
      const after = findById(target.children, added.after);
      if (!after) {
        report([...path, 'after'], 'UNKNOWN_CLAUSE', `there is no clause "${added.after}" in section "${added.section}"`, `the clauses of this section: ${idsIn(target.children).join(', ')}`);
        return;
      }
      const node = after.list[after.index]!;
      const item = node.type === 'listItem' ? ({ type: 'listItem', id, children: [paragraph] } satisfies ListItem) : { ...paragraph, id };
      (after.list as unknown[]).splice(after.index + 1, 0, item);
      return;
    }
    const last = target.children.at(-1);
    if (last?.type === 'list') last.items.push({ type: 'listItem', id, children: [paragraph] });
    else target.children.push({ ...paragraph, id });
  });

  for (const id of clauses?.omit ?? []) {
    const path = ['clauses', 'omit', (clauses?.omit ?? []).indexOf(id)];
    if (clauses?.replace?.[id] !== undefined) report(path, 'OMIT_AND_REPLACE', `clause "${id}" is both omitted and replaced`, 'keep only one of the two');
    const at = findById(out.children, id) ?? find(id, path, 'clause');
    if (at) (at.list as unknown[]).splice(at.index, 1);
  }

  for (const [id, change] of Object.entries(sections ?? {})) {
    if (change.title === undefined) {
      if (!family.ids.has(id)) find(id, ['sections', id], 'section');
      continue;
    }
    const at = find(id, ['sections', id], 'section');
    if (at && change.title) (at.list[at.index] as Section).title = change.title;
  }

  prune(out.children);
  return { value: out, diagnostics };
}

function isSection(c: Container): boolean {
  return c.list[c.index]!.type === 'section';
}

function findById(blocks: readonly Block[], id: string, section?: Section): Container | undefined {
  for (let index = 0; index < blocks.length; index++) {
    const b = blocks[index]!;
    const here = b.type === 'section' ? b : section;
    if ((b.type === 'paragraph' || b.type === 'section') && b.id === id) return { list: blocks as Block[], index, section: here! };
    if (b.type === 'section') {
      const found = findById(b.children, id, b);
      if (found) return found;
    }
    if (b.type === 'list') {
      for (let i = 0; i < b.items.length; i++) {
        const item = b.items[i]!;
        if (item.id === id) return { list: b.items, index: i, section: section! };
        const found = findById(item.children, id, section);
        if (found) return found;
      }
    }
  }
  return undefined;
}

function idsIn(blocks: readonly Block[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if ((b.type === 'paragraph' || b.type === 'section') && b.id) out.push(b.id);
    if (b.type === 'section') out.push(...idsIn(b.children));
    if (b.type === 'list') for (const item of b.items) if (item.id) out.push(item.id);
  }
  return out;
}

/** A list whose every clause was left out disappears rather than printing empty. */
function prune(blocks: Block[]): void {
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i]!;
    if (b.type === 'section') prune(b.children);
    if (b.type === 'list' && b.items.length === 0) blocks.splice(i, 1);
  }
}
