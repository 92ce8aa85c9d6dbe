// The policy's body: sections with headings kept with what follows, paragraphs, nested lists, tables.

import type { Block, List, Section } from '../../../tree/types.ts';
import { captionRepeatsHeading } from '../../../tree/walk.ts';
import type { BlockContext } from './BlockContext.ts';
import { breakLines, type Line, spansOf } from './breakLines.ts';
import { layoutTable } from './layoutTable.ts';
import { drawLine, placeLines, startHeight } from './placeLines.ts';
import { BODY, BODY_WIDTH, BULLETS, COLOR, HEADING, MARGIN, SPACE, TABLE_TEXT } from './theme.ts';
import type { OutlineEntry, StructElem } from './types.ts';


export function layoutSections(sections: readonly Section[], parent: StructElem, outline: OutlineEntry[], ctx: BlockContext): void {
  for (const section of sections) layoutSection(section, parent, outline, ctx);
}

function headingLines(section: Section, width: number, ctx: BlockContext): Line[] {
  return breakLines([{ text: section.title, style: 'bold' }], width, HEADING[section.depth].size, ctx.metrics);
}

function layoutSection(section: Section, parent: StructElem, outline: OutlineEntry[], ctx: BlockContext): void {
  const { flow } = ctx;
  const style = HEADING[section.depth];
  const sect: StructElem = { role: 'Sect', kids: [] };
  parent.kids.push(sect);
  const heading: StructElem = { role: `H${section.depth}`, kids: [] };
  sect.kids.push(heading);

  const lines = headingLines(section, BODY_WIDTH, ctx);
  flow.gap(style.before);
  // A heading never ends a page: it needs the start of what it heads below it.
  const first = section.children[0];
  flow.ensure(lines.length * style.leading + style.after + (first ? startOf(first, BODY_WIDTH, ctx) : 0));
  flow.anchor(section.id);
  const entry: OutlineEntry = { title: section.title, anchor: section.id, children: [] };
  outline.push(entry);
  const links = new Map<number, StructElem>();
  for (const line of lines) {
    drawLine(flow, line, flow.y, { x: MARGIN.left, style, color: COLOR.heading, owner: heading }, links);
    flow.y -= style.leading;
  }
  flow.gap(style.after);
  for (const child of section.children) {
    if (child.type === 'section') layoutSection(child, sect, entry.children, ctx);
    else if (captionRepeatsHeading(section, child)) layoutTable(child, sect, ctx, { captionShown: false });
    else layoutBlock(child, sect, MARGIN.left, BODY_WIDTH, 0, ctx);
  }
}

/** Height a block needs on the page it starts on (see keep-with-next above). */
function startOf(block: Block, width: number, ctx: BlockContext): number {
  switch (block.type) {
    case 'section': {
      const first = block.children[0];
      const style = HEADING[block.depth];
      return style.before + headingLines(block, width, ctx).length * style.leading + style.after + (first ? startOf(first, width, ctx) : 0);
    }
    case 'paragraph':
      return startHeight(breakLines(spansOf(block.children, 'regular', () => 0), width, BODY.size, ctx.metrics), BODY);
    case 'list': {
      const first = block.items[0]?.children[0];
      return first ? startOf(first, width - SPACE.listIndent, ctx) : 0;
    }
    case 'table':
      // Caption and header row and a first row: about four table lines.
      return 4 * (TABLE_TEXT.leading + 2 * SPACE.tablePadY);
  }
}

function layoutBlock(block: Block, parent: StructElem, x: number, width: number, depth: number, ctx: BlockContext): void {
  switch (block.type) {
    case 'section':
      layoutSection(block, parent, [], ctx);
      return;
    case 'paragraph': {
      const p: StructElem = { role: 'P', kids: [] };
      parent.kids.push(p);
      placeLines(ctx.flow, breakLines(spansOf(block.children, 'regular', ctx.nextLinkId), width, BODY.size, ctx.metrics), { x, style: BODY, owner: p, ...(block.id ? { anchor: block.id } : {}) });
      ctx.flow.gap(SPACE.paragraph);
      return;
    }
    case 'list':
      layoutList(block, parent, x, width, depth, ctx);
      return;
    case 'table':
      layoutTable(block, parent, ctx);
      return;
  }
}

function layoutList(list: List, parent: StructElem, x: number, width: number, depth: number, ctx: BlockContext): void {
  const { flow } = ctx;
  const l: StructElem = { role: 'L', kids: [], attributes: { listNumbering: list.ordered ? 'Decimal' : 'Disc' } };
  parent.kids.push(l);
  const indent = SPACE.listIndent;
  list.items.forEach((item, index) => {
    const li: StructElem = { role: 'LI', kids: [] };
    const lbl: StructElem = { role: 'Lbl', kids: [] };
    const body: StructElem = { role: 'LBody', kids: [] };
    li.kids.push(lbl, body);
    l.kids.push(li);
    if (index > 0) flow.gap(SPACE.item);

    item.children.forEach((child, k) => {
      if (child.type !== 'paragraph') {
        if (k === 0 && item.id) flow.anchor(item.id);
        if (k === 0) drawLabel();
        layoutBlock(child, body, x + indent, width - indent, depth + 1, ctx);
        return;
      }
      const lines = breakLines(spansOf(child.children, 'regular', ctx.nextLinkId), width - indent, BODY.size, ctx.metrics);
      // The label goes where the first line will: on the page placeLines will start on.
      flow.ensure(startHeight(lines, BODY));
      if (k === 0) drawLabel();
      else flow.gap(SPACE.item);
      const anchor = k === 0 ? (item.id ?? child.id) : child.id;
      placeLines(flow, lines, { x: x + indent, style: BODY, owner: body, ...(anchor ? { anchor } : {}) });
    });

    function drawLabel(): void {
      const text = list.ordered ? `${index + 1}.` : BULLETS[depth % BULLETS.length]!;
      const labelWidth = ctx.metrics.width(text, 'regular', BODY.size);
      // Numbers align on their right, bullets sit centred in the label column.
      const lx = list.ordered ? x + indent - 5 - labelWidth : x + (indent - labelWidth) / 2 - 3;
      drawLine(flow, { fragments: [{ text, style: 'regular', x: 0, width: labelWidth }], width: labelWidth }, flow.y, { x: lx, style: BODY, color: list.ordered ? COLOR.text : COLOR.heading, owner: lbl }, new Map());
    }
  });
  if (depth === 0) flow.gap(SPACE.paragraph);
}
