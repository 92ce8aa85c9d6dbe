// Text widths for layout, measured the way pdf-lib will draw them: glyph advances, character by character.

import type { Font } from '@pdf-lib/fontkit';
import { FONT_STYLES, type FontStyle, loadFaces } from './fonts.ts';

/** What layout needs to know about the font; tests pass a fake one. */
export interface Metrics {
  /** Advance width of `text` at `size` points. */
  width(text: string, style: FontStyle, size: number): number;
}

/**
 * pdf-lib writes glyphs one after another, unkerned and unshaped (see
 * `unshaped` in fonts.ts), so the width drawn is the sum of each character's
 * glyph advance; anything cleverer here would make lines that overflow.
 */
export function createFontMetrics(): Metrics {
  const faces = loadFaces();
  // Layout measures every word of every table cell: advances of the common characters sit in an
  // array by code (a Map lookup per character was a tenth of layout), the rest in a Map.
  const tables = new Map(FONT_STYLES.map((style) => [style, { font: faces.get(style)!.font, common: new Float64Array(COMMON).fill(Number.NaN), other: new Map<number, number>() }]));
  const advanceOf = (font: Font, code: number) => (font.glyphForCodePoint(code).advanceWidth * 1000) / font.unitsPerEm;
  return {
    width(text, style, size) {
      const { font, common, other } = tables.get(style)!;
      let units = 0;
      for (let i = 0; i < text.length; i++) {
        const code = text.codePointAt(i)!;
        if (code > 0xffff) i++;
        if (code < COMMON) {
          let advance = common[code]!;
          if (Number.isNaN(advance)) common[code] = advance = advanceOf(font, code);
          units += advance;
        } else {
          let advance = other.get(code);
          if (advance === undefined) other.set(code, (advance = advanceOf(font, code)));
          units += advance;
        }
      }
      return (units * size) / 1000;
    },
  };
}

/** Latin, Latin-1 and Latin Extended (Welsh ŵ and ŷ among them) and general punctuation. */
const COMMON = 0x2100;
