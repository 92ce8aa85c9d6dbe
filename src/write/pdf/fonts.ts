// The PDF's typeface, IBM Plex Sans (SIL Open Font Licence, from npm): its faces, and what it can draw.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Font } from '@pdf-lib/fontkit';

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

export const FONT_STYLES: readonly FontStyle[] = ['regular', 'bold', 'italic', 'boldItalic'];

const PACKAGE = '@expo-google-fonts/ibm-plex-sans';

/** SemiBold rather than Bold: it reads as emphasis without darkening a page of clauses. */
const FILES: Record<FontStyle, string> = {
  regular: '400Regular/IBMPlexSans_400Regular.ttf',
  bold: '600SemiBold/IBMPlexSans_600SemiBold.ttf',
  italic: '400Regular_Italic/IBMPlexSans_400Regular_Italic.ttf',
  boldItalic: '600SemiBold_Italic/IBMPlexSans_600SemiBold_Italic.ttf',
};

export interface Face {
  style: FontStyle;
  /** The TrueType file, as pdf-lib embeds (and subsets) it. */
  bytes: Uint8Array;
  /** The parsed font, shared by measuring and embedding so each file is parsed once per process. */
  font: Font;
}

const require = createRequire(import.meta.url);
// fontkit ships a UMD bundle whose exports Node's ESM loader cannot see by name.
const fontkit = require('@pdf-lib/fontkit') as { create(bytes: Uint8Array): Font };

let faces: ReadonlyMap<FontStyle, Face> | undefined;

export function loadFaces(): ReadonlyMap<FontStyle, Face> {
  faces ??= new Map(
    FONT_STYLES.map((style) => {
      const bytes = new Uint8Array(readFileSync(require.resolve(`${PACKAGE}/${FILES[style]}`)));
      return [style, { style, bytes, font: fontkit.create(bytes) }];
    }),
  );
  return faces;
}

/**
 * A face as pdf-lib's embedder sees it: `layout()` maps characters straight to
 * glyphs. pdf-lib draws glyphs without their OpenType positions anyway, and
 * with ligatures off Latin text needs no substitutions, so full shaping (most
 * of the time a PDF took) bought nothing. Measuring (metrics.ts) maps the same
 * way, so widths and drawing agree. A view per document: caches fontkit keeps
 * while subsetting stay on the view, the parsed font is shared.
 */
export function unshaped(font: Font): Font {
  return Object.create(font, {
    layout: { value: (text: string) => ({ glyphs: font.glyphsForString(text) }) },
  }) as Font;
}

/** What fontkit's subsets are, as far as this module uses them. */
export interface Subset {
  /** Glyph ids of the original face, in subset order (0, .notdef, first). */
  glyphs: number[];
  encode(stream: EncodeStream): void;
  encodeStream(): unknown;
}
interface EncodeStream {
  push(chunk: Uint8Array | null): boolean;
  flush(): void;
}

let EncodeStreamClass: (new () => EncodeStream) | undefined;

/**
 * A subset's font program, encoded at once. fontkit's own encodeStream() starts on a browser shim
 * of process.nextTick built on setTimeout and passes the bytes on through more such ticks, so each
 * face of each PDF waited for timers. fontkit does not export its EncodeStream, so its class is taken
 * from a stream it makes for an empty subset.
 */
export function encodeSubset(subset: Subset): Buffer {
  EncodeStreamClass ??= (loadFaces().get('regular')!.font.createSubset() as unknown as Subset).encodeStream()!.constructor as new () => EncodeStream;
  const parts: Uint8Array[] = [];
  const stream = new EncodeStreamClass();
  stream.push = (chunk) => (chunk && parts.push(chunk), true);
  subset.encode(stream);
  stream.flush();
  return Buffer.concat(parts);
}

/** pdf-lib's hook for parsing fonts: hands back an unshaped view of the already-parsed face for our own bytes. */
export const cachedFontkit = {
  create(bytes: Uint8Array): Font {
    for (const face of loadFaces().values()) if (face.bytes === bytes) return unshaped(face.font);
    return fontkit.create(bytes);
  },
};

/** Line breaks and tabs are laid out as spaces, so the font needs no glyph for them. */
const LAID_OUT_AS_SPACE = /[\t\n\r\f\v]/;

/**
 * The distinct characters of `text` that some face cannot draw, in order of first
 * appearance. Text is checked as it will be drawn: composed (NFC), in every face,
 * since any value may end up bold or italic.
 */
export function unsupportedCharacters(text: string): string[] {
  // Most values are plain ASCII, which every face draws: no need to look at them a character at a time.
  if (ASCII_TEXT.test(text) && (asciiDrawable ??= PRINTABLE_ASCII.every((c) => drawable(c.charCodeAt(0))))) return [];
  const missing = new Set<string>();
  for (const char of text.normalize('NFC')) {
    if (missing.has(char) || LAID_OUT_AS_SPACE.test(char)) continue;
    if (!drawable(char.codePointAt(0)!)) missing.add(char);
  }
  return [...missing];
}

/** Space to tilde: every face draws them (embedFonts.ts puts them in every subset). */
export const PRINTABLE_ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
const ASCII_TEXT = /^[\x20-\x7e\n]*$/;
let asciiDrawable: boolean | undefined;

/** fontkit's cmap lookup is slow; a school's text uses a few dozen distinct characters. */
const drawableCache = new Map<number, boolean>();

function drawable(code: number): boolean {
  let known = drawableCache.get(code);
  if (known === undefined) {
    known = [...loadFaces().values()].every((face) => face.font.hasGlyphForCodePoint(code));
    drawableCache.set(code, known);
  }
  return known;
}

/** "U+0175 ŵ" style names for messages; invisible characters are shown by code only. */
export function describeCharacter(char: string): string {
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return /[\p{L}\p{N}\p{P}\p{S}]/u.test(char) ? `"${char}" (${code})` : code;
}
