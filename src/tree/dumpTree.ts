// A printable outline of a document tree, for debugging (`policy-press text SLUG --tree`).

import type { Block, Inline, ListItem, PolicyDocument } from './types.ts';

export function dumpTree(doc: PolicyDocument): string {
  const out: string[] = [`document ${doc.slug} "${doc.meta.title}" (${doc.meta.family})`];
  const line = (depth: number, text: string) => out.push(`${'  '.repeat(depth)}${text}`);
  const inline = (nodes: Inline[]): string =>
    nodes
      .map((n) => (n.type === 'text' ? JSON.stringify(n.value) : `${n.type}${n.type === 'link' ? `<${n.url}>` : ''}(${inline(n.children)})`))
      .join(' ');
  const block = (node: Block | ListItem, depth: number): void => {
    switch (node.type) {
      case 'section':
        line(depth, `section#${node.id} depth=${node.depth}${node.appendix ? ' appendix' : ''} ${JSON.stringify(node.title)}`);
        node.children.forEach((c) => block(c, depth + 1));
        break;
      case 'paragraph':
        line(depth, `paragraph${node.id ? `#${node.id}` : ''} ${inline(node.children)}`);
        break;
      case 'list':
        line(depth, `list${node.ordered ? ' ordered' : ''}`);
        node.items.forEach((c) => block(c, depth + 1));
        break;
      case 'listItem':
        line(depth, `item${node.id ? `#${node.id}` : ''}`);
        node.children.forEach((c) => block(c, depth + 1));
        break;
      case 'table':
        line(depth, `table#${node.id} ${JSON.stringify(node.caption)} [${node.columns.join(' | ')}]`);
        for (const group of node.groups) {
          if (group.title !== undefined) line(depth + 1, `group ${JSON.stringify(group.title)}`);
          for (const row of group.rows) line(depth + 2, `row ${row.cells.map(inline).join(' | ')}`);
        }
        break;
    }
  };
  doc.children.forEach((s) => block(s, 1));
  return `${out.join('\n')}\n`;
}
