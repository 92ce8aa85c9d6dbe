// Two document trees → what changed: sections and clauses added, removed, moved or reworded (words marked).

import { diffWords } from 'diff';
import type { Block, PolicyDocument, Section } from '../tree/types.ts';
import { inlineText, sectionsOf } from '../tree/walk.ts';

/** A run of words in a reworded clause. */
export interface WordChange {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export type Change =
  | { kind: 'section-added' | 'section-removed'; sectionId: string; title: string }
  | { kind: 'section-retitled'; sectionId: string; from: string; to: string }
  | { kind: 'added'; sectionId: string; sectionTitle: string; id: string; text: string }
  | { kind: 'removed'; sectionId: string; sectionTitle: string; id: string; text: string }
  | { kind: 'moved'; sectionId: string; sectionTitle: string; fromSection: string; id: string; text: string }
  | { kind: 'changed'; sectionId: string; sectionTitle: string; id: string; words: WordChange[] };

/** One unit of comparison: a clause (by id) or an unnamed block (by its text). */
interface Unit {
  key: string;
  id: string;
  text: string;
  sectionId: string;
  sectionTitle: string;
  index: number;
}

export function compareDocuments(before: PolicyDocument | undefined, after: PolicyDocument): Change[] {
  const a = unitsOf(before);
  const b = unitsOf(after);
  const changes: Change[] = [];

  const sectionsA = new Map((before ? sectionsOf(before) : []).map((s) => [s.id, s]));
  const sectionsB = new Map(sectionsOf(after).map((s) => [s.id, s]));
  for (const [id, s] of sectionsB) {
    const old = sectionsA.get(id);
    if (!old) changes.push({ kind: 'section-added', sectionId: id, title: s.title });
    else if (old.title !== s.title) changes.push({ kind: 'section-retitled', sectionId: id, from: old.title, to: s.title });
  }
  for (const [id, s] of sectionsA) if (!sectionsB.has(id)) changes.push({ kind: 'section-removed', sectionId: id, title: s.title });

  const byKeyA = new Map(a.map((u) => [u.key, u]));
  const byKeyB = new Map(b.map((u) => [u.key, u]));
  // Unnamed blocks whose text changed have no key in common; pair them by position within their section.
  const unmatchedA = a.filter((u) => !byKeyB.has(u.key) && u.key.startsWith('text:'));
  for (const u of b) {
    const old = byKeyA.get(u.key) ?? (u.key.startsWith('text:') ? pairUnnamed(u, unmatchedA) : undefined);
    if (!old) {
      changes.push({ kind: 'added', sectionId: u.sectionId, sectionTitle: u.sectionTitle, id: u.id, text: u.text });
      continue;
    }
    byKeyA.delete(old.key);
    if (old.sectionId !== u.sectionId) changes.push({ kind: 'moved', sectionId: u.sectionId, sectionTitle: u.sectionTitle, fromSection: old.sectionTitle, id: u.id, text: u.text });
    if (old.text !== u.text) changes.push({ kind: 'changed', sectionId: u.sectionId, sectionTitle: u.sectionTitle, id: u.id, words: wordChanges(old.text, u.text) });
  }
  for (const u of byKeyA.values()) {
    if (!sectionsB.has(u.sectionId) || !b.some((x) => x.key === u.key)) changes.push({ kind: 'removed', sectionId: u.sectionId, sectionTitle: u.sectionTitle, id: u.id, text: u.text });
  }
  return changes;
}

function pairUnnamed(u: Unit, pool: Unit[]): Unit | undefined {
  const i = pool.findIndex((x) => x.sectionId === u.sectionId && x.index === u.index);
  return i >= 0 ? pool.splice(i, 1)[0] : undefined;
}

export function wordChanges(before: string, after: string): WordChange[] {
  return diffWords(before, after).map((part) => ({ kind: part.added ? 'added' : part.removed ? 'removed' : 'same', text: part.value }));
}

function unitsOf(doc: PolicyDocument | undefined): Unit[] {
  const out: Unit[] = [];
  const visit = (blocks: readonly Block[], section: Section) => {
    let index = 0;
    const push = (id: string | undefined, text: string) => {
      out.push({ key: id ? `id:${id}` : `text:${section.id}:${text}`, id: id ?? '', text, sectionId: section.id, sectionTitle: section.title, index: index++ });
    };
    for (const b of blocks) {
      switch (b.type) {
        case 'section':
          visit(b.children, b);
          break;
        case 'paragraph':
          push(b.id, inlineText(b.children));
          break;
        case 'list':
          for (const item of b.items) push(item.id, blockText(item.children));
          break;
        case 'table':
          for (const group of b.groups) for (const row of group.rows) push(undefined, [group.title, ...row.cells.map(inlineText)].filter(Boolean).join(' | '));
          break;
      }
    }
  };
  for (const s of doc?.children ?? []) visit(s.children, s);
  return out;
}

function blockText(blocks: readonly Block[]): string {
  return blocks
    .map((b) => (b.type === 'paragraph' ? inlineText(b.children) : b.type === 'list' ? b.items.map((i) => blockText(i.children)).join('; ') : b.type === 'section' ? b.title : ''))
    .join(' ');
}
