// The source every generated PDF carries as attachments, so any copy (a signed one included) can be compared without git.

import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFStream, PDFString } from 'pdf-lib';
import { parse } from 'yaml';
import type { PolicyDocument } from '../tree/types.ts';

/** Attachment names; stable, because older PDFs are read by newer code. */
export const ATTACHMENTS = {
  text: 'policy.txt',
  data: 'school.yaml',
  tree: 'policy-tree.json',
} as const;

export interface EmbeddedSource {
  text: string;
  /** The school's resolved data (defaults applied). */
  data: unknown;
  tree: PolicyDocument;
}

/** The attachments to write into a school's PDF. */
export function sourceAttachments(doc: PolicyDocument, data: unknown, text: string): Attachment[] {
  return sourceAttachmentsOf({ text, ...sourceTexts(doc, data) });
}

export interface Attachment {
  name: string;
  bytes: Uint8Array;
  mimeType: string;
  description: string;
}

/** The tree and the data as the PDF carries them (the build sends them to its workers so: see build/pdfJob.ts). */
export function sourceTexts(doc: PolicyDocument, data: unknown): { tree: string; data: string } {
  // The data in YAML's JSON form (JSON is YAML 1.2, and the reader parses it as YAML, as it did older
  // copies): the yaml package's block style took a tenth of the time a PDF took, for a file people rarely open.
  return { tree: `${JSON.stringify(doc)}\n`, data: `${JSON.stringify(data, null, 2)}\n` };
}

/** The attachments, from the text and the JSON of sourceTexts. */
export function sourceAttachmentsOf({ text, data, tree }: { text: string; data: string; tree: string }): Attachment[] {
  const utf8 = (s: string) => new TextEncoder().encode(s);
  return [
    { name: ATTACHMENTS.text, bytes: utf8(text), mimeType: 'text/plain', description: 'The policy as plain text' },
    { name: ATTACHMENTS.data, bytes: utf8(data), mimeType: 'application/yaml', description: "The school's data, with its defaults applied" },
    { name: ATTACHMENTS.tree, bytes: utf8(tree), mimeType: 'application/json', description: 'The document tree, for policy-press diff' },
  ];
}

export class NotOurPdfError extends Error {}

/**
 * pdf-lib writes attachments but has no API to read them back, so the
 * EmbeddedFiles name tree is walked here with its low-level objects.
 */
export async function readEmbeddedFiles(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
  } catch (error) {
    throw new NotOurPdfError(`not a readable PDF (${(error as Error).message})`);
  }
  const files = new Map<string, Uint8Array>();
  const names = pdf.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const visit = (node: PDFDict | undefined, depth: number) => {
    if (!node || depth > 16) return;
    const pairs = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; pairs && i + 1 < pairs.size(); i += 2) {
      const key = pairs.lookup(i);
      const name = key instanceof PDFString || key instanceof PDFHexString ? key.decodeText() : undefined;
      const stream = pairs.lookupMaybe(i + 1, PDFDict)?.lookupMaybe(PDFName.of('EF'), PDFDict)?.lookupMaybe(PDFName.of('F'), PDFStream);
      if (name && stream instanceof PDFRawStream) files.set(name, decodePDFRawStream(stream).decode());
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) visit(kids.lookupMaybe(i, PDFDict), depth + 1);
  };
  visit(names, 0);
  return files;
}

/** The policy-press source in a PDF, or undefined when the PDF has none. */
export async function readEmbeddedSource(bytes: Uint8Array): Promise<EmbeddedSource | undefined> {
  const files = await readEmbeddedFiles(bytes);
  const text = files.get(ATTACHMENTS.text);
  const data = files.get(ATTACHMENTS.data);
  const tree = files.get(ATTACHMENTS.tree);
  if (!text || !data || !tree) return undefined;
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { text: decode(text), data: parse(decode(data)), tree: JSON.parse(decode(tree)) as PolicyDocument };
}

export function looksLikePdf(bytes: Uint8Array): boolean {
  return new TextDecoder().decode(bytes.subarray(0, 1024)).includes('%PDF-');
}
