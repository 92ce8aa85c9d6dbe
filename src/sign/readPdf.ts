// Reading a PDF for signing and verifying: its revisions, and its signature fields (signed or empty).

import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';

export class UnreadablePdfError extends Error {}

/** pdf-lib parses the file to find objects; it never saves it (that would rewrite signed bytes). */
export async function parsePdf(bytes: Uint8Array): Promise<PDFDocument> {
  try {
    return await quietly(() => PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false }));
  } catch (error) {
    throw new UnreadablePdfError((error as Error).message);
  }
}

let quietReads = 0;
let consoleWarn = console.warn;

/**
 * pdf-lib warns on the console about objects it skips; a damaged file is
 * reported by what reads it instead. Reads may overlap, so the console is
 * restored only when the last one ends.
 */
export async function quietly<T>(read: () => Promise<T>): Promise<T> {
  if (quietReads++ === 0) {
    consoleWarn = console.warn;
    console.warn = () => {};
  }
  try {
    return await read();
  } finally {
    if (--quietReads === 0) console.warn = consoleWarn;
  }
}

export function looksLikePdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).includes('%PDF-');
}

/**
 * Where each revision ends: after each `%%EOF` and the end-of-line that follows
 * it. Revision 1 is the file as first written; each incremental update adds one.
 */
export function revisionEnds(bytes: Uint8Array): number[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ends: number[] = [];
  for (let at = buf.indexOf('%%EOF'); at >= 0; at = buf.indexOf('%%EOF', at + 5)) {
    let end = at + 5;
    if (buf[end] === 0x0d) end++;
    if (buf[end] === 0x0a) end++;
    ends.push(end);
  }
  return ends;
}

/** The offset of the last cross-reference section, from the final `startxref`. */
export function lastStartXref(bytes: Uint8Array): number | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = buf.lastIndexOf('startxref');
  if (at < 0) return undefined;
  const match = /^startxref\s+(\d+)/.exec(buf.subarray(at, at + 40).toString('latin1'));
  return match ? Number(match[1]) : undefined;
}

/** The /Size of the last trailer (a cross-reference stream's dictionary counts too). */
export function lastTrailerSize(bytes: Uint8Array): number | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tail = buf.subarray(Math.max(0, buf.length - 4096)).toString('latin1');
  const sizes = [...tail.matchAll(/\/Size\s+(\d+)/g)];
  return sizes.length ? Number(sizes.at(-1)![1]) : undefined;
}

export interface SignatureField {
  /** Fully qualified field name, e.g. "chair_of_governors_signature". */
  name: string;
  ref: PDFRef;
  dict: PDFDict;
  /** The widget annotation drawing the field: the field itself when they are merged. */
  widgetRef: PDFRef;
  widget: PDFDict;
  /** [x1, y1, x2, y2] on its page. */
  rect: [number, number, number, number];
  /** The field's tooltip (/TU), e.g. "Signature of the Chair of Governors". */
  description?: string;
  /** The signature dictionary, when the field is signed. */
  value?: PDFDict;
  valueRef?: PDFRef;
}

const text = (o: unknown) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined);

/** Every signature field in the AcroForm, in form order, following /Kids. */
export function findSignatureFields(pdf: PDFDocument): SignatureField[] {
  const form = pdf.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const fields = form?.lookupMaybe(PDFName.of('Fields'), PDFArray);
  const found: SignatureField[] = [];
  const visit = (ref: PDFRef, parentName: string | undefined, inheritedType: PDFName | undefined, depth: number) => {
    const dict = pdf.context.lookupMaybe(ref, PDFDict);
    if (!dict || depth > 32) return;
    const partial = text(dict.lookup(PDFName.of('T')));
    const name = partial === undefined ? parentName : parentName ? `${parentName}.${partial}` : partial;
    const type = dict.lookupMaybe(PDFName.of('FT'), PDFName) ?? inheritedType;
    const kids = dict.lookupMaybe(PDFName.of('Kids'), PDFArray);
    const childFields = kids ? kids.asArray().filter((k): k is PDFRef => k instanceof PDFRef && pdf.context.lookupMaybe(k, PDFDict)?.has(PDFName.of('T')) === true) : [];
    if (childFields.length) {
      for (const kid of childFields) visit(kid, name, type, depth + 1);
      return;
    }
    if (type !== PDFName.of('Sig') || name === undefined) return;
    // A field with widget kids (no names of their own) is drawn by its first widget.
    const widgetRef = kids?.asArray().find((k): k is PDFRef => k instanceof PDFRef) ?? ref;
    const widget = pdf.context.lookup(widgetRef, PDFDict);
    const rectArray = widget.lookupMaybe(PDFName.of('Rect'), PDFArray);
    const numbers = (rectArray?.asArray() ?? []).map((n) => (n instanceof PDFNumber ? n.asNumber() : 0));
    const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = numbers;
    const rawValue = dict.get(PDFName.of('V'));
    const field: SignatureField = {
      name,
      ref,
      dict,
      widgetRef,
      widget,
      rect: [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)],
    };
    const description = text(dict.lookup(PDFName.of('TU')));
    if (description !== undefined) field.description = description;
    const value = dict.lookupMaybe(PDFName.of('V'), PDFDict);
    if (value) field.value = value;
    if (rawValue instanceof PDFRef) field.valueRef = rawValue;
    found.push(field);
  };
  for (const entry of fields?.asArray() ?? []) if (entry instanceof PDFRef) visit(entry, undefined, undefined, 0);
  return found;
}

/** "Signature of the Chair of Governors" → "Chair of Governors"; else from the field name. */
export function roleOfField(field: Pick<SignatureField, 'name' | 'description'>): string {
  const fromDescription = field.description?.match(/^Signature of (?:the )?(.+)$/i)?.[1];
  if (fromDescription) return fromDescription.trim();
  const words = field.name.replace(/_signature$/, '').replace(/[_.]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The Creator every policy-press PDF states (src/write/pdf/draw/drawPdf.ts). */
export function isPolicyPressPdf(pdf: PDFDocument): boolean {
  return (pdf.getCreator() ?? '').startsWith('policy-press');
}
