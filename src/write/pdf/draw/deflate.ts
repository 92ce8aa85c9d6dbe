// Compression for every stream of the PDF: Node's zlib rather than pdf-lib's pako.
//
// pdf-lib deflates in JavaScript (pako), which was a quarter of the time a PDF took in a batch build.
// Node's zlib writes the same FlateDecode format natively, several times faster, and gives the same
// bytes for the same input and Node version (Node is pinned in package.json), so rebuilds stay identical.

import { deflateSync, type ZlibOptions } from 'node:zlib';
import type { PDFContext } from 'pdf-lib';

type Dict = Parameters<PDFContext['flateStream']>[1];

/**
 * Level 3 with zlib's largest hash tables: on page content and attachments, half the time of the
 * default level 6 for streams about 10% larger (a few kilobytes a PDF). Font programs, compressed
 * once per build (draw/embedFonts.ts), use level 9.
 */
export const DEFLATE: ZlibOptions = { level: 3, memLevel: 9 };

/** A subset's font program: compressed once per build and reused, so as small as zlib makes it. */
export function deflateFontProgram(program: Uint8Array): Uint8Array {
  return deflateSync(program, { level: 9 });
}

/** Makes every compressed stream of this document (page content, ToUnicode maps, attachments) use zlib; text is taken as Latin-1. */
export function useNativeDeflate(context: PDFContext): void {
  context.flateStream = (contents: string | Uint8Array, dict: Dict = {}) =>
    context.stream(deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents, DEFLATE), { ...dict, Filter: 'FlateDecode' });
}
