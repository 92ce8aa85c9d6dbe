import { describe, expect, it } from 'vitest';
import { describeCharacter, FONT_STYLES, loadFaces, unsupportedCharacters } from './fonts.ts';
import { createFontMetrics } from './metrics.ts';

describe('the PDF font', () => {
  it('draws Welsh, Polish, accented letters and typographic punctuation in every face', () => {
    expect(unsupportedCharacters('ŵ ŷ Ŵ Ŷ ł Ł á é ô ü ñ ’ ‘ “ ” – — £ € • … ©')).toEqual([]);
    expect(loadFaces().size).toBe(FONT_STYLES.length);
  });

  it('lists what it cannot draw, once each, in order', () => {
    expect(unsupportedCharacters('Snow ☃ and 😀 and ☃ again')).toEqual(['☃', '😀']);
  });

  it('checks text as drawn: composed, with line breaks laid out as spaces', () => {
    expect(unsupportedCharacters('w\u0302 Sia\u0302n\nnext\tline')).toEqual([]);
  });

  it('names characters for messages', () => {
    expect(describeCharacter('☃')).toBe('"☃" (U+2603)');
    expect(describeCharacter('\u200b')).toBe('U+200B');
  });

  it('measures without ligatures, so widths add up character by character', () => {
    const metrics = createFontMetrics();
    const word = metrics.width('office', 'regular', 10);
    const sum = [...'office'].reduce((s, c) => s + metrics.width(c, 'regular', 10), 0);
    expect(word).toBeCloseTo(sum, 6);
    expect(metrics.width('office', 'bold', 10)).toBeGreaterThan(word);
  });
});
