// WCAG 2.2 colour contrast: relative luminance, contrast ratio, and the nearest darker colour that passes.

/** WCAG 2.2 success criterion 1.4.3: normal-size text needs 4.5:1 against its background. */
export const MIN_TEXT_CONTRAST = 4.5;

/** [r, g, b] from 0 to 255, from #rgb or #rrggbb. */
export function parseHexColour(hex: string): [number, number, number] {
  let digits = hex.trim().replace(/^#/, '');
  if (digits.length === 3) digits = [...digits].map((d) => d + d).join('');
  if (!/^[0-9a-f]{6}$/i.test(digits)) throw new Error(`not a hex colour: ${hex}`);
  return [0, 2, 4].map((i) => Number.parseInt(digits.slice(i, i + 2), 16)) as [number, number, number];
}

export function toHexColour([r, g, b]: readonly number[]): string {
  return `#${[r, g, b].map((c) => Math.round(c!).toString(16).padStart(2, '0')).join('')}`;
}

/** Relative luminance as WCAG defines it (sRGB, 0 = black, 1 = white). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHexColour(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The same hue, darkened just enough for `against` to reach `minimum` on it (for hints). */
export function darkenToContrast(hex: string, against = '#ffffff', minimum = MIN_TEXT_CONTRAST): string {
  const rgb = parseHexColour(hex);
  for (let scale = 1; scale >= 0; scale -= 0.01) {
    const candidate = toHexColour(rgb.map((c) => Math.floor(c * scale)));
    if (contrastRatio(candidate, against) >= minimum) return candidate;
  }
  return '#000000';
}
