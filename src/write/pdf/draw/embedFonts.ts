// Embeds the faces a document uses, each subset to its glyphs under a tag derived from them (ABCDEF+Name).

import { createHash } from 'node:crypto';
import { type PDFContext, type PDFDocument, type PDFFont, PDFName, type PDFRef } from 'pdf-lib';
import { encodeSubset, FONT_STYLES, type Face, type FontStyle, loadFaces, PRINTABLE_ASCII, type Subset } from '../fonts.ts';
import type { DocumentLayout } from '../layout/types.ts';
import { deflateFontProgram } from './deflate.ts';

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
  // By UTF-16 unit, an array lookup: encoding is per character of every line of the document.
  const bmp: (string | undefined)[] = [];
  const astral = new Map<string, string>();
  return (text) => {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit < 0xd800 || unit > 0xdfff) {
        let code = bmp[unit];
        if (code === undefined) bmp[unit] = code = font.encodeText(text[i]!).asString();
        out += code;
      } else {
        const char = String.fromCodePoint(text.codePointAt(i)!);
        i += char.length - 1;
        let code = astral.get(char);
        if (code === undefined) astral.set(char, (code = font.encodeText(char).asString()));
        out += code;
      }
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
  const used = new Map<FontStyle, { chars: Set<string>; seen: Uint8Array }>();
  for (const page of layout.pages) {
    for (const box of page.boxes) {
      if (box.kind !== 'text') continue;
      let style = used.get(box.style);
      if (!style) used.set(box.style, (style = { chars: new Set(), seen: new Uint8Array(0x10000) }));
      const { text } = box;
      // A flag per UTF-16 unit, so the Set sees each character once rather than once per use.
      for (let i = 0; i < text.length; i++) {
        const unit = text.charCodeAt(i);
        if (style.seen[unit]) continue;
        if (unit < 0xd800 || unit > 0xdfff) {
          style.seen[unit] = 1;
          style.chars.add(text[i]!);
        } else {
          const char = String.fromCodePoint(text.codePointAt(i)!);
          i += char.length - 1;
          style.chars.add(char);
        }
      }
    }
  }
  return new Map([...used].map(([style, { chars }]) => [style, chars]));
}

/**
 * Characters every subset of a face includes, whether the document uses them or not: printable
 * ASCII and the punctuation policies are typed with. Rounded up to these, most documents of a
 * build use the same subset of each face, so its font program is encoded and compressed once
 * (compressedProgram below) rather than per PDF, where it was a sixth of the time a PDF took.
 * It costs a few kilobytes of glyphs a document may not draw.
 */
const SHARED_CHARACTERS = [...PRINTABLE_ASCII, ...'£–—‘’“”•…'];

/** A face's characters in a document, rounded up to the shared set and in code-point order: the subset's glyph order. */
export function subsetCharacters(face: Face, used: ReadonlySet<string>): string[] {
  const chars = new Set(used);
  for (const c of SHARED_CHARACTERS) if (face.font.hasGlyphForCodePoint(c.codePointAt(0)!)) chars.add(c);
  return [...chars].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
}

/** Compressed font programs by face and glyph list; a build meets a handful of subsets per face. */
const programs = new Map<string, Uint8Array>();
const MAX_PROGRAMS = 64;

function compressedProgram(face: Face, subset: Subset): Uint8Array {
  const key = `${face.style}:${subset.glyphs.join(',')}`;
  let program = programs.get(key);
  if (!program) {
    if (programs.size >= MAX_PROGRAMS) programs.delete(programs.keys().next().value!);
    programs.set(key, (program = deflateFontProgram(encodeSubset(subset))));
  }
  return program;
}

/** What pdf-lib's font embedder is inside a PDFFont, as far as this module replaces it. */
interface SubsetEmbedder {
  subset: Subset;
  embedFontStream(context: PDFContext): Promise<PDFRef>;
}

export async function embedFonts(doc: PDFDocument, layout: DocumentLayout): Promise<Map<FontStyle, EmbeddedFont>> {
  const faces = loadFaces();
  const used = charactersByStyle(layout);
  const fonts = new Map<FontStyle, EmbeddedFont>();
  let n = 0;
  for (const style of FONT_STYLES) {
    const usedChars = used.get(style);
    if (!usedChars) continue;
    const face = faces.get(style)!;
    // check reports these with their file and line (UNSUPPORTED_CHARACTER); reaching here is a bug, not a blank glyph.
    const missing = [...usedChars].filter((c) => !face.font.hasGlyphForCodePoint(c.codePointAt(0)!));
    if (missing.length) throw new Error(`the PDF font has no glyph for ${missing.map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(', ')}`);
    const chars = subsetCharacters(face, usedChars);
    const font = await doc.embedFont(face.bytes, {
      subset: true,
      customName: `${subsetTag(style, chars)}+${face.font.postscriptName}`,
    });
    const encode = characterEncoder(font);
    // Glyphs enter the subset in the order they are first encoded: code-point order, so the same characters give the same subset.
    for (const c of chars) encode(c);
    // pdf-lib would encode and compress the subset's program for every document; the embedder's step is replaced by one that reuses it.
    const embedder = (font as unknown as { embedder: SubsetEmbedder }).embedder;
    embedder.embedFontStream = async (context) => context.register(context.stream(compressedProgram(face, embedder.subset), { Filter: 'FlateDecode' }));
    fonts.set(style, { font, key: PDFName.of(`F${++n}`), encode });
  }
  return fonts;
}
