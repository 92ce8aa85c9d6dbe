// Document tree → plain text: one line per paragraph or clause, for diffs, search and fidelity checks.

import type { Block, PolicyDocument, Table } from '../../tree/types.ts';
import { inlineText } from '../../tree/walk.ts';

export interface PlainTextOptions {
  /** Prefix each clause with its id in brackets, for authors writing `clauses:` overrides. */
  ids?: boolean;
}

export function toPlainText(doc: PolicyDocument, options: PlainTextOptions = {}): string {
  const out: string[] = [doc.meta.title, doc.meta.schoolName, ''];
  const id = (value: string | undefined) => (options.ids && value ? `[${value}] ` : '');

  const block = (node: Block, indent: string): void => {
    switch (node.type) {
      case 'section':
        out.push(`${'#'.repeat(node.depth)} ${id(node.id)}${node.title}`, '');
        node.children.forEach((c) => block(c, ''));
        break;
      case 'paragraph':
        out.push(`${indent}${id(node.id)}${inlineText(node.children)}`, ...(indent ? [] : ['']));
        break;
      case 'list':
        node.items.forEach((item, i) => {
          const bullet = node.ordered ? `${i + 1}. ` : '- ';
          item.children.forEach((child, k) => {
            if (child.type === 'paragraph') {
              out.push(`${indent}${k === 0 ? bullet : '  '}${k === 0 ? id(item.id) : ''}${inlineText(child.children)}`);
            } else {
              block(child, `${indent}  `);
            }
          });
        });
        if (!indent) out.push('');
        break;
      case 'table':
        out.push(...tableLines(node), '');
        break;
    }
  };
  doc.children.forEach((s) => block(s, ''));
  if (doc.meta.attribution) out.push(doc.meta.attribution, '');
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function tableLines(table: Table): string[] {
  const lines = [`Table: ${table.caption}`];
  if (!table.rowHeaders) lines.push(table.columns.join(' | '));
  for (const group of table.groups) {
    if (group.title !== undefined) lines.push(group.title);
    for (const row of group.rows) lines.push(row.cells.map((c) => inlineText(c)).join(' | '));
  }
  return lines;
}
