// What a signed field shows in its box: the signer's name, their role and the date, in the policy's typeface.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  beginText,
  endText,
  moveText,
  PDFDocument,
  type PDFFont,
  type PDFRef,
  popGraphicsState,
  pushGraphicsState,
  setFillingRgbColor,
  setFontAndSize,
  showText,
} from 'pdf-lib';

const require = createRequire(import.meta.url);
// fontkit ships a UMD bundle whose exports Node's ESM loader cannot see by name.
const fontkit = require('@pdf-lib/fontkit') as Parameters<PDFDocument['registerFontkit']>[0];
const FACE = {
  regular: '@expo-google-fonts/ibm-plex-sans/400Regular/IBMPlexSans_400Regular.ttf',
  bold: '@expo-google-fonts/ibm-plex-sans/600SemiBold/IBMPlexSans_600SemiBold.ttf',
} as const;

export interface AppearanceText {
  name: string;
  role: string;
  /** Already formatted, e.g. "Signed digitally on 5 October 2024 at 14:03". */
  date: string;
}

/** "5 October 2024 at 14:03 BST", as people in the UK read it. */
export function formatSigningTime(date: Date): string {
  const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(date);
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London', timeZoneName: 'short' }).format(date);
  return `${day} at ${time}`;
}

/** Characters the face has no glyph for become "?", rather than failing to sign. */
function drawable(font: PDFFont, text: string): string {
  const set = new Set(font.getCharacterSet());
  return [...text.normalize('NFC')].map((c) => (set.has(c.codePointAt(0)!) ? c : '?')).join('');
}

/** The largest size up to `size` at which the text fits the width. */
function fit(font: PDFFont, text: string, size: number, width: number): number {
  const natural = font.widthOfTextAtSize(text, size);
  return natural <= width ? size : Math.max(5, Math.floor((size * width) / natural * 10) / 10);
}

/**
 * Adds the appearance stream (a form XObject the size of the box) and its
 * embedded font subsets to the parsed document's objects; the caller writes
 * them out in the incremental update.
 */
export async function drawAppearance(pdf: PDFDocument, width: number, height: number, text: AppearanceText): Promise<PDFRef> {
  pdf.registerFontkit(fontkit);
  const features = { liga: false, clig: false, dlig: false, calt: false };
  const bold = await pdf.embedFont(readFileSync(require.resolve(FACE.bold)), { subset: true, features });
  const regular = await pdf.embedFont(readFileSync(require.resolve(FACE.regular)), { subset: true, features });
  const pad = Math.min(6, width / 10);
  const inner = Math.max(1, width - 2 * pad);
  const lines = [
    { font: bold, key: 'F1', text: drawable(bold, text.name), size: Math.min(13, height * 0.28) },
    { font: regular, key: 'F2', text: drawable(regular, text.role), size: Math.min(8.5, height * 0.18) },
    { font: regular, key: 'F2', text: drawable(regular, `Signed digitally on ${text.date}`), size: Math.min(7.5, height * 0.16) },
  ].map((line) => ({ ...line, size: fit(line.font, line.text, line.size, inner) }));

  // Centred vertically; each line is its own text object, so its position is absolute.
  const total = lines.reduce((sum, l) => sum + l.size * 1.25, 0);
  let y = (height + total) / 2;
  const ops = [pushGraphicsState(), setFillingRgbColor(0.1, 0.15, 0.3)];
  for (const line of lines) {
    y -= line.size * 1.25;
    ops.push(beginText(), setFontAndSize(line.key, line.size), moveText(pad, y + line.size * 0.3), showText(line.font.encodeText(line.text)), endText());
  }
  ops.push(popGraphicsState());
  await bold.embed();
  await regular.embed();
  const { context } = pdf;
  const stream = context.formXObject(ops, {
    BBox: [0, 0, width, height],
    Resources: { Font: { F1: bold.ref, F2: regular.ref } },
  });
  return context.register(stream);
}
