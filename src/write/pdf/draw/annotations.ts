// Link annotations and the sign-off page's AcroForm fields (signature, name, date), which pdf-lib cannot make tagged or empty-signed.

import { type PDFContext, type PDFDict, PDFHexString, PDFName, type PDFRef, PDFString } from 'pdf-lib';
import type { Anchor, FieldBox, LinkBox, PageLayout } from '../layout/types.ts';

const r = (v: number) => Math.round(v * 100) / 100;

/** The annotation flag Print (bit 3): fields and their boxes appear on paper too. */
const PRINT = 4;

export interface DrawnAnnotation {
  page: number;
  ref: PDFRef;
  dict: PDFDict;
}

/** Where a link to an anchor opens: the top of its heading, at the reader's zoom. */
export function destination(context: PDFContext, anchor: Anchor, pageRefs: readonly PDFRef[]) {
  return context.obj([pageRefs[anchor.page]!, 'XYZ', null, r(anchor.y + 12), null]);
}

export function writeAnnotations(
  context: PDFContext,
  pages: readonly PageLayout[],
  pageRefs: readonly PDFRef[],
  anchors: ReadonlyMap<string, Anchor>,
): { annotations: Map<number, DrawnAnnotation>; fields: PDFRef[] } {
  const annotations = new Map<number, DrawnAnnotation>();
  const fields: PDFRef[] = [];
  pages.forEach((page, index) => {
    const refs: PDFRef[] = [];
    for (const box of page.boxes) {
      if (box.kind !== 'link' && box.kind !== 'field') continue;
      const dict = box.kind === 'link' ? linkDict(context, box, anchors, pageRefs) : fieldDict(context, box, pageRefs[index]!);
      const ref = context.register(dict);
      refs.push(ref);
      if (box.kind === 'field') fields.push(ref);
      annotations.set(box.annotation, { page: index, ref, dict });
    }
    if (refs.length) {
      const pageDict = context.lookup(pageRefs[index]!) as PDFDict;
      pageDict.set(PDFName.of('Annots'), context.obj(refs));
      // Tab through annotations in structure order (PDF/UA asks for it when a page has any).
      pageDict.set(PDFName.of('Tabs'), PDFName.of('S'));
    }
  });
  return { annotations, fields };
}

/** A URI action holds 7-bit ASCII (ISO 32000-1, 12.6.4.7): percent-encode the rest, once. */
function asciiUri(uri: string): string {
  try {
    return encodeURI(decodeURI(uri));
  } catch {
    return encodeURI(uri);
  }
}

function rect(box: { x: number; y: number; width: number; height: number }): number[] {
  return [r(box.x), r(box.y), r(box.x + box.width), r(box.y + box.height)];
}

function linkDict(context: PDFContext, box: LinkBox, anchors: ReadonlyMap<string, Anchor>, pageRefs: readonly PDFRef[]): PDFDict {
  const dict = context.obj({ Type: 'Annot', Subtype: 'Link', Rect: rect(box), Border: [0, 0, 0], F: PRINT });
  if ('uri' in box.target) {
    dict.set(PDFName.of('A'), context.obj({ S: 'URI', URI: PDFString.of(asciiUri(box.target.uri)) }));
    dict.set(PDFName.of('Contents'), PDFHexString.fromText(`Link to ${box.target.uri}`));
  } else {
    const anchor = anchors.get(box.target.anchor);
    // Every link target is checked at render time; should one be missing, a dead link beats a failed build.
    if (anchor) dict.set(PDFName.of('Dest'), destination(context, anchor, pageRefs));
    dict.set(PDFName.of('Contents'), PDFHexString.fromText(anchor ? `Go to page ${anchor.page + 1}` : 'Link'));
  }
  return dict;
}

/**
 * A field and its widget in one dictionary. The box is drawn in the page
 * content, so the widget's own appearance is empty: viewers show the frame
 * whether or not they draw form fields, and a signature appearance replaces nothing.
 */
function fieldDict(context: PDFContext, box: FieldBox, pageRef: PDFRef): PDFDict {
  // An empty stream, uncompressed: pdf-lib's formXObject would start a JavaScript deflater to write eight bytes.
  const appearance = context.register(context.stream('', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, r(box.width), r(box.height)], Matrix: [1, 0, 0, 1, 0, 0] }));
  const dict = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: box.fieldType === 'signature' ? 'Sig' : 'Tx',
    Rect: rect(box),
    F: PRINT,
    P: pageRef,
    AP: { N: appearance },
  });
  dict.set(PDFName.of('T'), PDFString.of(box.name));
  dict.set(PDFName.of('TU'), PDFHexString.fromText(box.description));
  if (box.fieldType === 'text') dict.set(PDFName.of('DA'), PDFString.of('/Helv 10 Tf 0 g'));
  return dict;
}

/**
 * /AcroForm with the fields. Typed text uses Helvetica from /DR, as Acrobat's
 * own forms do: the viewer brings it, so the embedded subsets (which lack most
 * characters a governor might type) are never used to fill fields.
 */
export function writeAcroForm(context: PDFContext, fields: readonly PDFRef[]): PDFRef {
  const helvetica = context.register(context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: 'WinAnsiEncoding' }));
  return context.register(
    context.obj({
      Fields: [...fields],
      DA: PDFString.of('/Helv 0 Tf 0 g'),
      DR: { Font: { Helv: helvetica } },
    }),
  );
}
