// Embeds the faces a document uses, each subset to its glyphs under a tag derived from them (ABCDEF+Name).

import { createHash } from 'node:crypto';
import { type PDFDocument, type PDFFont, PDFName } from 'pdf-lib';
import { FONT_STYLES, type FontStyle, loadFaces } from '../fonts.ts';
import type { DocumentLayout } from '../layout/types.ts';

export interface EmbeddedFont {
  font: PDFFont;
  /** The page resource name it is selected by, e.g. /F1. */
  key: PDFName;
  /** Text as the hex digits of its glyph ids in the subset, for a `<…> Tj` string. */
  encode(text: string): string;
}

/**
 * pdf-lib's encodeText maps a whole string at a time; a policy draws the same few dozen
 * characters tens of thousands of times, so each character is mapped (and added to the
 * subset) once. Characters map one to one onto glyphs: fonts.ts lays text out unshaped.
 */
function characterEncoder(font: PDFFont): (text: string) => string {
  const hex = new Map<string, string>();
  return (text) => {
    let out = '';
    for (const char of text) {
      let code = hex.get(char);
      if (code === undefined) hex.set(char, (code = font.encodeText(char).asString()));
      out += code;
    }
    return out;
  };
}

/**
 * The tag marks a subset (ISO 32000-1, 9.6.4): six capitals, which pdf-lib would
 * make random. Deriving it from the characters keeps rebuilds byte-identical and
 * gives two different subsets of a face different names, as the standard asks.
 */
export function subsetTag(style: FontStyle, characters: Iterable<string>): string {
  const digest = createHash('sha256').update(`${style}\u0000${[...new Set(characters)].sort().join('')}`).digest();
  return Array.from(digest.subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26))).join('');
}

export function charactersByStyle(layout: DocumentLayout): Map<FontStyle, Set<string>> {
  const used = new Map<FontStyle, Set<string>>();
  for (const page of layout.pages) {
    for (const box of page.boxes) {
      if (box.kind !== 'text') continue;
      let set = used.get(box.style);
      if (!set) used.set(box.style, (set = new Set()));
      for (const char of box.text) set.add(char);
    }
  }
  return used;
}

export async function embedFonts(doc: PDFDocument, layout: DocumentLayout): Promise<Map<FontStyle, EmbeddedFont>> {
  const faces = loadFaces();
  const used = charactersByStyle(layout);
  const fonts = new Map<FontStyle, EmbeddedFont>();
  let n = 0;
  for (const style of FONT_STYLES) {
    const chars = used.get(style);
    if (!chars) continue;
    const face = faces.get(style)!;
    // check reports these with their file and line (UNSUPPORTED_CHARACTER); reaching here is a bug, not a blank glyph.
    const missing = [...chars].filter((c) => !face.font.hasGlyphForCodePoint(c.codePointAt(0)!));
    if (missing.length) throw new Error(`the PDF font has no glyph for ${missing.map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(', ')}`);
    const font = await doc.embedFont(face.bytes, {
      subset: true,
      customName: `${subsetTag(style, chars)}+${face.font.postscriptName}`,
    });
    fonts.set(style, { font, key: PDFName.of(`F${++n}`), encode: characterEncoder(font) });
  }
  return fonts;
}
