// The governor sign-off page: the approval record from the data, then a signature, name and date field per signatory.

import { policyStatus, policyVersion } from '../../../tree/policyStatus.ts';
import { approvalText, keyValueTable } from '../../../tree/keyValueTable.ts';
import { DEFAULT_SIGNATORIES, signOffFieldNames } from '../../../tree/signOff.ts';
import type { Approval, PolicyDocument } from '../../../tree/types.ts';
import type { BlockContext } from './BlockContext.ts';
import { breakLines, type Span } from './breakLines.ts';
import { ANCHOR, SIGN_OFF_TITLE } from './frontMatter.ts';
import { layoutTable } from './layoutTable.ts';
import { drawLine, placeLines } from './placeLines.ts';
import { BODY, BODY_WIDTH, COLOR, HEADING, MARGIN, SMALL, SPACE } from './theme.ts';
import type { StructElem } from './types.ts';

const SIGNATURE = { width: 250, height: 58 } as const;
const TEXT_FIELD = { height: 22 } as const;

export function layoutSignOff(doc: PolicyDocument, parent: StructElem, ctx: BlockContext): void {
  const { flow, metrics } = ctx;
  const { meta } = doc;
  const sect: StructElem = { role: 'Sect', kids: [] };
  parent.kids.push(sect);
  const heading: StructElem = { role: 'H1', kids: [] };
  sect.kids.push(heading);
  flow.anchor(ANCHOR.signOff);
  const h = HEADING[1];
  for (const line of breakLines([{ text: SIGN_OFF_TITLE, style: 'bold' }], BODY_WIDTH, h.size, metrics)) {
    drawLine(flow, line, flow.y, { x: MARGIN.left, style: h, color: COLOR.heading, owner: heading }, new Map());
    flow.y -= h.leading;
  }
  flow.gap(h.after);

  const paragraph = (spans: Span[], style = BODY, color: readonly [number, number, number] = COLOR.text) => {
    const p: StructElem = { role: 'P', kids: [] };
    sect.kids.push(p);
    placeLines(flow, breakLines(spans, BODY_WIDTH, style.size, metrics), { x: MARGIN.left, style, color, owner: p });
    flow.gap(SPACE.paragraph);
  };
  const version = policyVersion(meta);
  paragraph([{ text: `The governing body of ${meta.schoolName} approves this ${meta.title}, version ${version}, reviewed ${meta.lastReviewed.text}; it is next due for review in ${meta.nextReview.text}.`, style: 'regular' }]);

  const { status, approval, previous } = policyStatus(meta);
  const recorded = (a: Approval): [string, string][] => [['Meeting date', a.date.text], ['Minute reference', a.minuteRef ?? 'Not recorded'], ['Approved by', a.approvedBy], ...(a.version ? [['Version approved', a.version] as [string, string]] : [])];
  const record = keyValueTable('_approval-record', 'Approval record', [
    ['Status', status === 'approved' ? 'Approved' : 'Draft: not yet approved'],
    ...(approval ? recorded(approval) : []),
    ...(previous ? [['Last approved', approvalText(previous)] as const] : []),
  ]);
  layoutTable(record, sect, ctx);

  paragraph(
    [{ text: 'Each signatory signs, prints their name and dates below: on paper, or in Adobe Acrobat Reader by clicking the signature box.', style: 'regular' }],
    BODY,
    COLOR.muted,
  );

  for (const role of meta.signatories ?? DEFAULT_SIGNATORIES) signatory(role, sect, ctx);
}

/** One signatory's block, kept on one page: heading, signature box, then name and date side by side. */
function signatory(role: string, sect: StructElem, ctx: BlockContext): void {
  const { flow, metrics } = ctx;
  const names = signOffFieldNames(role);
  const h = HEADING[3];
  const labelStyle = SMALL;
  const headingLines = breakLines([{ text: role, style: 'bold' }], BODY_WIDTH, h.size, metrics);
  flow.gap(14);
  flow.ensure(headingLines.length * h.leading + 2 * (labelStyle.leading + 2) + SIGNATURE.height + TEXT_FIELD.height + 16);

  const group: StructElem = { role: 'Sect', kids: [] };
  sect.kids.push(group);
  const heading: StructElem = { role: 'H2', kids: [] };
  group.kids.push(heading);
  for (const line of headingLines) {
    drawLine(flow, line, flow.y, { x: MARGIN.left, style: h, color: COLOR.heading, owner: heading }, new Map());
    flow.y -= h.leading;
  }

  const field = (label: string, x: number, top: number, width: number, height: number, fieldType: 'signature' | 'text', name: string, description: string) => {
    const p: StructElem = { role: 'P', kids: [] };
    group.kids.push(p);
    const line = breakLines([{ text: label, style: 'regular' }], width, labelStyle.size, metrics)[0]!;
    drawLine(flow, line, top, { x, style: labelStyle, color: COLOR.muted, owner: p }, new Map());
    const boxTop = top - labelStyle.leading - 2;
    flow.add({ kind: 'rect', x, y: boxTop - height, width, height, stroke: COLOR.field, lineWidth: 0.8, artifact: 'Layout' });
    const form: StructElem = { role: 'Form', kids: [], alt: description };
    group.kids.push(form);
    const annotation = flow.nextAnnotation();
    form.kids.push({ annotation });
    flow.add({ kind: 'field', x, y: boxTop - height, width, height, fieldType, name, description, annotation });
    return boxTop - height;
  };

  let top = flow.y - 2;
  const x = MARGIN.left;
  top = field('Signature', x, top, SIGNATURE.width, SIGNATURE.height, 'signature', names.signature, `Signature of the ${role}`) - 8;
  const nameWidth = 230;
  field('Name', x, top, nameWidth, TEXT_FIELD.height, 'text', names.name, `Name of the ${role}, printed`);
  const bottom = field('Date', x + nameWidth + 16, top, 120, TEXT_FIELD.height, 'text', names.date, `Date the ${role} signed`);
  flow.y = bottom - 6;
}
