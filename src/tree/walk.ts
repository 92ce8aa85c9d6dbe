// Small helpers to read a tree: plain text of inlines, every clause id.

import type { Block, Inline, ListItem, PolicyDocument, Section, Table } from './types.ts';

export function inlineText(nodes: readonly Inline[]): string {
  return nodes.map((n) => (n.type === 'text' ? n.value : inlineText(n.children))).join('');
}

/** Every section, depth first, in reading order. */
export function sectionsOf(doc: PolicyDocument): Section[] {
  const out: Section[] = [];
  const visit = (blocks: readonly Block[]) => {
    for (const b of blocks) {
      if (b.type === 'section') {
        out.push(b);
        visit(b.children);
      }
    }
  };
  visit(doc.children);
  return out;
}

/** Every clause id in reading order. */
export function clauseIds(doc: PolicyDocument): string[] {
  const out: string[] = [];
  const visit = (nodes: readonly (Block | ListItem)[]) => {
    for (const n of nodes) {
      if ((n.type === 'paragraph' || n.type === 'listItem') && n.id) out.push(n.id);
      if (n.type === 'section' || n.type === 'listItem') visit(n.children);
      if (n.type === 'list') visit(n.items);
    }
  };
  visit(doc.children);
  return out;
}

/**
 * Whether a section's block is a table that starts the section under a caption repeating its title
 * ("Policy details" under "Policy details"): the web page and the PDF then do not show the caption a
 * second time, though it still names the table for assistive technology (see also sameWords.ts).
 */
export function captionRepeatsHeading(section: Section, block: Block): block is Table {
  return block.type === 'table' && section.children[0] === block && block.caption === section.title;
}
