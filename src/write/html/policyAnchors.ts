// Stable anchor ids for a document's headings, clauses and tables, taken from their tree ids, never from their text.

import type { Block, ListItem, PolicyDocument, Section } from '../../tree/types.ts';

/** Ids the page around the policy uses; a tree id equal to one of these is renamed. */
export const PAGE_IDS: ReadonlySet<string> = new Set(['main-content', 'policy-title', 'policy-review', 'policy-contents', 'search', 'filter']);

export interface ContentsEntry {
  id: string;
  title: string;
  appendix: boolean;
  children: ContentsEntry[];
}

export interface PolicyAnchors {
  /** The id attribute for a section, a clause (paragraph or list item with an id) or a table. */
  idOf(node: Block | ListItem): string | undefined;
  /** Sections of depth 1 and 2, for the contents list. */
  contents: ContentsEntry[];
}

/**
 * A section's heading gets the section's id, so links such as `#passwords` survive
 * rewording. Sections are served first; a clause or table whose id a section (or the
 * page) already uses gets `clause-` or `table-` in front, then a number if still taken.
 */
export function policyAnchors(doc: PolicyDocument): PolicyAnchors {
  const used = new Set(PAGE_IDS);
  const ids = new Map<Block | ListItem, string>();
  const claim = (node: Block | ListItem, wanted: string, prefix: string) => {
    const base = used.has(wanted) && prefix ? `${prefix}${wanted}` : wanted;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    ids.set(node, id);
  };

  const sections: Section[] = [];
  const others: (Block | ListItem)[] = [];
  const visit = (nodes: readonly (Block | ListItem)[]) => {
    for (const node of nodes) {
      if (node.type === 'section') sections.push(node);
      else if (node.type === 'table' || ((node.type === 'paragraph' || node.type === 'listItem') && node.id)) others.push(node);
      if (node.type === 'section' || node.type === 'listItem') visit(node.children);
      if (node.type === 'list') visit(node.items);
    }
  };
  visit(doc.children);
  for (const section of sections) claim(section, section.id, '');
  for (const node of others) {
    if (node.type === 'table') claim(node, node.id, 'table-');
    else if (node.type === 'paragraph' || node.type === 'listItem') claim(node, node.id!, 'clause-');
  }

  const entries = (blocks: readonly Block[], depth: number): ContentsEntry[] =>
    blocks
      .filter((b): b is Section => b.type === 'section')
      .map((s) => ({ id: ids.get(s)!, title: s.title, appendix: Boolean(s.appendix), children: depth < 2 ? entries(s.children, depth + 1) : [] }));

  return { idOf: (node) => ids.get(node), contents: entries(doc.children, 1) };
}
