// Text widths for layout, measured the way pdf-lib will draw them: glyph advances, character by character.

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
  const advances = new Map(FONT_STYLES.map((style) => [style, new Map<number, number>()]));
  return {
    width(text, style, size) {
      const face = faces.get(style)!;
      const known = advances.get(style)!;
      let units = 0;
      for (const char of text) {
        const code = char.codePointAt(0)!;
        let advance = known.get(code);
        if (advance === undefined) {
          advance = (face.font.glyphForCodePoint(code).advanceWidth * 1000) / face.font.unitsPerEm;
          known.set(code, advance);
        }
        units += advance;
      }
      return (units * size) / 1000;
    },
  };
}
