import { describe, expect, it } from 'vitest';
import type { Metrics } from '../metrics.ts';
import { breakLines, type Line, normaliseText, spansOf } from './breakLines.ts';

/** Every character half the font size wide: easy to reason about, no font needed. */
const mono: Metrics = { width: (text, _style, size) => [...text].length * size * 0.5 };
const SIZE = 10; // 5 points a character
const text = (lines: readonly Line[]) => lines.map((l) => l.fragments.map((f) => f.text).join(''));
let ids = 0;
const plain = (value: string) => spansOf([{ type: 'text', value }], 'regular', () => ids++);

describe('breakLines', () => {
  it('wraps at spaces, never past the width, losing no word', () => {
    const source = 'Staff keep personal data secure and report any loss at once so the school can act.';
    const lines = breakLines(plain(source), 100, SIZE, mono); // 20 characters a line
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(100);
    expect(text(lines).join(' ')).toBe(source);
    expect(text(lines)[0]).toBe('Staff keep personal');
  });

  it('breaks a word longer than a line inside it, at a joint when one is near', () => {
    const url = 'https://example.org/a-very-long-path/that-goes-on/and-on';
    const lines = breakLines(plain(`See ${url} now`), 100, SIZE, mono);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(100);
    expect(text(lines).join('').replace(/ /g, '')).toBe(`See${url}now`);
    expect(text(lines)[1]).toMatch(/[/\-.]$/);
  });

  it('breaks a 200-character name with no joints at any character', () => {
    const name = 'A'.repeat(200);
    const lines = breakLines(plain(name), 100, SIZE, mono);
    expect(lines).toHaveLength(10);
    expect(text(lines).join('')).toBe(name);
  });

  it('keeps strong, emphasis and links as styled fragments, a link one id across lines', () => {
    const spans = spansOf(
      [{ type: 'text', value: 'Read ' }, { type: 'strong', children: [{ type: 'emphasis', children: [{ type: 'text', value: 'this' }] }] }, { type: 'text', value: ' and ' }, { type: 'link', url: 'https://x.test/', children: [{ type: 'text', value: 'the whole model policy online' }] }],
      'regular',
      () => 7,
    );
    const lines = breakLines(spans, 100, SIZE, mono);
    const fragments = lines.flatMap((l) => l.fragments);
    expect(fragments.find((f) => f.text === 'this')?.style).toBe('boldItalic');
    const links = fragments.filter((f) => f.link);
    expect(links.length).toBeGreaterThan(1);
    expect(new Set(links.map((f) => f.link!.id))).toEqual(new Set([7]));
    expect(links.map((f) => f.text.trim()).join(' ')).toBe('the whole model policy online');
  });

  it('places fragments end to end', () => {
    const spans = spansOf([{ type: 'text', value: 'ab ' }, { type: 'strong', children: [{ type: 'text', value: 'cd' }] }], 'regular', () => 0);
    const [line] = breakLines(spans, 1000, SIZE, mono);
    expect(line!.fragments.map((f) => [f.text, f.x, f.width])).toEqual([
      ['ab ', 0, 15],
      ['cd', 15, 10],
    ]);
  });

  it('lays out line breaks and tabs as spaces, and never breaks at a no-break space', () => {
    expect(normaliseText('a\n\tb  c')).toBe('a b c');
    const lines = breakLines(plain('aaaa\u00a0bbbb cccc'), 50, SIZE, mono); // 10 characters a line
    expect(text(lines)).toEqual(['aaaa\u00a0bbbb', 'cccc']);
  });
});
