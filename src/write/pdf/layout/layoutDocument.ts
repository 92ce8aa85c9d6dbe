// Document tree → pages of boxes, pure: title page, contents, the policy, sign-off, then headers and footers.

import type { PolicyDocument } from '../../../tree/types.ts';
import type { Metrics } from '../metrics.ts';
import type { BlockContext } from './BlockContext.ts';
import { breakLines } from './breakLines.ts';
import { Flow } from './Flow.ts';
import { ANCHOR, CONTENTS_TITLE, contentsEntries, layoutContents, layoutTitlePage, SIGN_OFF_TITLE } from './frontMatter.ts';
import { addFurniture } from './furniture.ts';
import { layoutSections } from './layoutBlocks.ts';
import { placeLines } from './placeLines.ts';
import { layoutSignOff } from './signOffPage.ts';
import { BODY_WIDTH, COLOR, MARGIN, PAGE as PAGE_SIZE, SMALL, SPACE } from './theme.ts';
import type { Anchor, DocumentLayout, OutlineEntry, StructElem } from './types.ts';

export function layoutDocument(doc: PolicyDocument, metrics: Metrics): DocumentLayout {
  const anchors = new Map<string, Anchor>();
  const shared = { anchors, counters: { mark: 0, annotation: 0 } };
  let links = 0;
  const context = (flow: Flow): BlockContext => ({ flow, metrics, nextLinkId: () => links++ });
  const root: StructElem = { role: 'Document', kids: [] };

  const title = new Flow(0, shared);
  layoutTitlePage(doc, root, context(title));

  // The contents' length does not depend on its page numbers: count its pages first, fill them in last.
  const entries = contentsEntries(doc);
  const dryRun = new Flow(1, { anchors: new Map(), counters: { mark: 0, annotation: 0 } });
  layoutContents(entries, undefined, { role: 'Document', kids: [] }, context(dryRun));
  const contentsPages = dryRun.pages.length;

  const body = new Flow(1 + contentsPages, shared);
  const outline: OutlineEntry[] = [];
  layoutSections(doc.children, root, outline, context(body));
  if (doc.meta.attribution) {
    const p: StructElem = { role: 'P', kids: [] };
    root.kids.push(p);
    body.gap(SPACE.paragraph * 2);
    placeLines(body, breakLines([{ text: doc.meta.attribution, style: 'italic' }], BODY_WIDTH, SMALL.size, metrics), { x: MARGIN.left, style: SMALL, color: COLOR.muted, owner: p });
  }

  const signOff = new Flow(1 + contentsPages + body.pages.length, shared);
  layoutSignOff(doc, root, context(signOff));

  const contents = new Flow(1, shared);
  const contentsRoot: StructElem = { role: 'Document', kids: [] };
  layoutContents(entries, anchors, contentsRoot, context(contents));
  if (contents.pages.length !== contentsPages) throw new Error('the contents changed length once page numbers were filled in');
  root.kids.splice(1, 0, ...contentsRoot.kids);

  const pages = [...title.pages, ...contents.pages, ...body.pages, ...signOff.pages];
  addFurniture(pages, doc.meta, metrics);
  return {
    width: PAGE_SIZE.width,
    height: PAGE_SIZE.height,
    pages,
    structure: root,
    anchors,
    outline: [
      { title: doc.meta.title, anchor: ANCHOR.title, children: [] },
      { title: CONTENTS_TITLE, anchor: ANCHOR.contents, children: [] },
      ...outline,
      { title: SIGN_OFF_TITLE, anchor: ANCHOR.signOff, children: [] },
    ],
  };
}
