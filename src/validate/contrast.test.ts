import { describe, expect, it } from 'vitest';
import { contrastRatio, darkenToContrast, MIN_TEXT_CONTRAST, parseHexColour, relativeLuminance } from './contrast.ts';

describe('contrast', () => {
  it('reads short and long hex colours', () => {
    expect(parseHexColour('#fff')).toEqual([255, 255, 255]);
    expect(parseHexColour('#1D70B8')).toEqual([29, 112, 184]);
    expect(() => parseHexColour('blue')).toThrow();
  });

  it('gives the WCAG extremes', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#ffffff')).toBe(1);
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#fff')).toBe(1);
  });

  it('matches published ratios (GOV.UK blue on white is 5.17:1, #767676 is the lightest grey at 4.5:1)', () => {
    expect(contrastRatio('#1d70b8', '#ffffff')).toBeCloseTo(5.17, 2);
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(MIN_TEXT_CONTRAST);
  });

  it('suggests a darker shade that passes', () => {
    const suggestion = darkenToContrast('#ffdd00');
    expect(contrastRatio(suggestion, '#ffffff')).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    expect(darkenToContrast('#1d70b8')).toBe('#1d70b8');
  });
});
