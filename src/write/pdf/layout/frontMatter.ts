// The title page (school, policy, version, review dates, status) and the contents page with page numbers and links.

import { policyStatus, policyVersion } from '../../../tree/policyStatus.ts';
import { approvalText, keyValueTable } from '../../../tree/keyValueTable.ts';
import type { PolicyDocument, Section } from '../../../tree/types.ts';
import type { BlockContext } from './BlockContext.ts';
import { breakLines } from './breakLines.ts';
import { layoutTable } from './layoutTable.ts';
import { drawLine } from './placeLines.ts';
import { BODY, BODY_WIDTH, baselineOffset, COLOR, HEADING, MARGIN, PAGE } from './theme.ts';
import type { Anchor, StructElem } from './types.ts';

/** Anchor ids of the parts the tree does not have; tree ids never start with "_". */
export const ANCHOR = { title: '_title', contents: '_contents', signOff: '_sign-off' } as const;

export const CONTENTS_TITLE = 'Contents';

export function layoutTitlePage(doc: PolicyDocument, parent: StructElem, ctx: BlockContext): void {
  const { flow, metrics } = ctx;
  const { meta } = doc;
  const sect: StructElem = { role: 'Sect', kids: [] };
  parent.kids.push(sect);
  flow.anchor(ANCHOR.title);
  flow.y -= 70;

  const text = (role: 'P' | 'H1', value: string, size: number, leading: number, style: 'regular' | 'bold', color: readonly [number, number, number]) => {
    const element: StructElem = { role, kids: [] };
    sect.kids.push(element);
    for (const line of breakLines([{ text: value, style }], BODY_WIDTH, size, metrics)) {
      drawLine(flow, line, flow.y, { x: MARGIN.left, style: { size, leading }, color, owner: element }, new Map());
      flow.y -= leading;
    }
  };
  text('P', meta.schoolName, 17, 23, 'bold', COLOR.heading);
  flow.y -= 6;
  text('H1', meta.title, 32, 38, 'bold', COLOR.text);
  flow.y -= 14;
  flow.add({ kind: 'rect', x: MARGIN.left, y: flow.y, width: 64, height: 3, fill: COLOR.heading, artifact: 'Layout' });
  flow.y -= 30;

  const { status, approval } = policyStatus(meta);
  const details = keyValueTable('_policy-status', 'About this policy', [
    ['Version', policyVersion(meta)],
    ['Status', status === 'approved' ? 'Approved' : 'Draft'],
    ['Last reviewed', meta.lastReviewed.text],
    ['Next review', meta.nextReview.text],
    ['Reviewed by', meta.reviewedBy],
    ...(approval ? [['Approved', approvalText(approval)] as const] : []),
  ]);
  layoutTable(details, sect, ctx);
  if (status === 'draft') {
    const p: StructElem = { role: 'P', kids: [] };
    sect.kids.push(p);
    const lines = breakLines([{ text: 'Draft: this revision has not yet been approved by the governing body.', style: 'bold' }], BODY_WIDTH, BODY.size, metrics);
    for (const line of lines) {
      drawLine(flow, line, flow.y, { x: MARGIN.left, style: BODY, color: COLOR.draft, owner: p }, new Map());
      flow.y -= BODY.leading;
    }
  }
}

export interface ContentsEntry {
  title: string;
  anchor: string;
  depth: 1 | 2;
}

/** Sections to depth 2, then the sign-off page; deeper headings are in the bookmarks only. */
export function contentsEntries(doc: PolicyDocument): ContentsEntry[] {
  const entries: ContentsEntry[] = [];
  const visit = (sections: readonly Section[]) => {
    for (const s of sections) {
      if (s.depth > 2) continue;
      entries.push({ title: s.title, anchor: s.id, depth: s.depth as 1 | 2 });
      visit(s.children.filter((c): c is Section => c.type === 'section'));
    }
  };
  visit(doc.children);
  entries.push({ title: SIGN_OFF_TITLE, anchor: ANCHOR.signOff, depth: 1 });
  return entries;
}

export const SIGN_OFF_TITLE = 'Governor sign-off';

/**
 * The contents: each entry a TOCI whose title and page number are one Link, so
 * the whole row is clickable. Page numbers come from `anchors`; with none yet
 * (the first pass, to count pages) they are placeholders of the same width class.
 */
export function layoutContents(entries: readonly ContentsEntry[], anchors: ReadonlyMap<string, Anchor> | undefined, parent: StructElem, ctx: BlockContext): void {
  const { flow, metrics } = ctx;
  const sect: StructElem = { role: 'Sect', kids: [] };
  parent.kids.push(sect);
  const heading: StructElem = { role: 'H1', kids: [] };
  sect.kids.push(heading);
  flow.anchor(ANCHOR.contents);
  const h = HEADING[1];
  drawLine(flow, breakLines([{ text: CONTENTS_TITLE, style: 'bold' }], BODY_WIDTH, h.size, metrics)[0]!, flow.y, { x: MARGIN.left, style: h, color: COLOR.heading, owner: heading }, new Map());
  flow.y -= h.leading + 10;

  const toc: StructElem = { role: 'TOC', kids: [] };
  sect.kids.push(toc);
  const numberColumn = 36;
  for (const entry of entries) {
    const indent = entry.depth === 1 ? 0 : 16;
    const style = entry.depth === 1 ? 'bold' : 'regular';
    const lines = breakLines([{ text: entry.title, style }], BODY_WIDTH - indent - numberColumn - 12, BODY.size, metrics);
    const gapBefore = entry.depth === 1 ? 6 : 0;
    flow.ensure(gapBefore + lines.length * BODY.leading);
    flow.gap(gapBefore);
    const item: StructElem = { role: 'TOCI', kids: [] };
    const link: StructElem = { role: 'Link', kids: [] };
    item.kids.push(link);
    toc.kids.push(item);
    const top = flow.y;
    const x = MARGIN.left + indent;
    for (const line of lines) {
      drawLine(flow, line, flow.y, { x, style: BODY, owner: link }, new Map());
      flow.y -= BODY.leading;
    }
    const anchor = anchors?.get(entry.anchor);
    const number = anchor ? String(anchor.page + 1) : '00';
    const numberWidth = metrics.width(number, style, BODY.size);
    const baseline = flow.y + BODY.leading - baselineOffset(BODY);
    const right = PAGE.width - MARGIN.right;
    // Dot leaders are decoration: a screen reader should hear "Passwords, 5", not forty dots.
    const lastWidth = lines.at(-1)?.width ?? 0;
    const dotsFrom = x + lastWidth + 6;
    const dotsTo = right - numberWidth - 6;
    if (dotsTo - dotsFrom > 12) flow.add({ kind: 'line', x1: dotsFrom, y1: baseline, x2: dotsTo, y2: baseline, lineWidth: 1.1, color: COLOR.rule, dots: 3.2, artifact: 'Layout' });
    const mark = flow.nextMark();
    flow.add({ kind: 'text', x: right - numberWidth, y: baseline, text: number, style, size: BODY.size, color: COLOR.text, mark });
    link.kids.push({ mark });
    const annotation = flow.nextAnnotation();
    flow.add({ kind: 'link', x: MARGIN.left, y: flow.y + 2, width: BODY_WIDTH, height: top - flow.y - 2, target: { anchor: entry.anchor }, annotation });
    link.kids.push({ annotation });
  }
}
