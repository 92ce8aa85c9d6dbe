// Styled inline text → lines that fit a width: greedy breaking at spaces, and inside words only when one is too long.

import type { Inline } from '../../../tree/types.ts';
import type { FontStyle } from '../fonts.ts';
import type { Metrics } from '../metrics.ts';

/** A link occurrence: `id` tells apart two links to the same address (each is one Link element). */
export interface InlineLink {
  id: number;
  url: string;
}

/** A run of text in one style. */
export interface Span {
  text: string;
  style: FontStyle;
  link?: InlineLink;
}

/** Part of a line in one style, `x` from the line's start. */
export interface Fragment extends Span {
  x: number;
  width: number;
}

export interface Line {
  fragments: Fragment[];
  width: number;
}

const STRONG: Record<FontStyle, FontStyle> = { regular: 'bold', bold: 'bold', italic: 'boldItalic', boldItalic: 'boldItalic' };
const EMPHASIS: Record<FontStyle, FontStyle> = { regular: 'italic', bold: 'boldItalic', italic: 'italic', boldItalic: 'boldItalic' };

/** Flattens inline markup to spans; `nextLinkId` numbers the links of a document in reading order. */
export function spansOf(inlines: readonly Inline[], style: FontStyle, nextLinkId: () => number, link?: InlineLink): Span[] {
  return inlines.flatMap((node): Span[] => {
    switch (node.type) {
      case 'text':
        return [{ text: node.value, style, ...(link ? { link } : {}) }];
      case 'strong':
        return spansOf(node.children, STRONG[style], nextLinkId, link);
      case 'emphasis':
        return spansOf(node.children, EMPHASIS[style], nextLinkId, link);
      case 'link':
        return spansOf(node.children, style, nextLinkId, { id: nextLinkId(), url: node.url });
    }
  });
}

/**
 * Text as it is drawn: composed characters, and any run of spaces, tabs or line
 * breaks as one space (as HTML shows it). No-break spaces stay, and stay unbroken.
 */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/[ \t\n\r\f\v]+/g, ' ');
}

type Piece = Span;
interface Word {
  pieces: Piece[];
  /** The space before it, in the style it was typed in; absent at the start. */
  space?: Piece;
}

function toWords(spans: readonly Span[]): Word[] {
  const words: Word[] = [];
  let current: Word | undefined;
  let pendingSpace: Piece | undefined;
  for (const span of spans) {
    const parts = normaliseText(span.text).split(' ');
    parts.forEach((part, i) => {
      if (i > 0) {
        if (current) words.push(current);
        current = undefined;
        pendingSpace ??= { ...span, text: ' ' };
      }
      if (!part) return;
      if (!current) {
        current = { pieces: [], ...(pendingSpace && words.length ? { space: pendingSpace } : {}) };
        pendingSpace = undefined;
      }
      current.pieces.push({ ...span, text: part });
    });
  }
  if (current) words.push(current);
  return words;
}

/** Breaks overlong words after these when it can: URLs and paths read best split at their joints. */
const JOINTS = /[/\-._?&=#:@]/;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Splits a word too wide for any line into pieces that each fit `width`. */
function splitWord(word: Piece[], width: number, measure: (p: Piece) => number): Piece[][] {
  const chunks: Piece[][] = [];
  let chunk: Piece[] = [];
  let used = 0;
  for (const piece of word) {
    let rest = [...graphemes.segment(piece.text)].map((s) => s.segment);
    // Widths add up across graphemes: nothing kerns or joins (see metrics.ts).
    let widths = rest.map((g) => measure({ ...piece, text: g }));
    while (rest.length) {
      let n = 0;
      let w = 0;
      while (n < rest.length && (used + w + widths[n]! <= width || (n === 0 && used === 0))) w += widths[n++]!;
      if (n === rest.length) {
        chunk.push({ ...piece, text: rest.join('') });
        used += w;
        break;
      }
      // Prefer a joint in the last 60% of what fits, so no line ends in a stub.
      let cut = n;
      for (let k = n; k > Math.ceil(n * 0.4); k--) {
        if (JOINTS.test(rest[k - 1]!)) {
          cut = k;
          break;
        }
      }
      if (cut > 0) chunk.push({ ...piece, text: rest.slice(0, cut).join('') });
      chunks.push(chunk);
      chunk = [];
      used = 0;
      rest = rest.slice(cut);
      widths = widths.slice(cut);
    }
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

export function breakLines(spans: readonly Span[], width: number, size: number, metrics: Metrics): Line[] {
  if (spans.length === 1 && !spans[0]!.link) {
    const lines = breakPlainLines(spans[0]!, width, size, metrics);
    if (lines) return lines;
  }
  const measure = (p: Piece) => metrics.width(p.text, p.style, size);
  const lines: Piece[][] = [];
  let line: Piece[] = [];
  let used = 0;
  for (const word of toWords(spans)) {
    const wordWidth = word.pieces.reduce((sum, p) => sum + measure(p), 0);
    const spaceWidth = line.length && word.space ? measure(word.space) : 0;
    if (used + spaceWidth + wordWidth <= width) {
      if (line.length && word.space) line.push(word.space);
      line.push(...word.pieces);
      used += spaceWidth + wordWidth;
      continue;
    }
    if (line.length) lines.push(line);
    line = [];
    used = 0;
    if (wordWidth <= width) {
      line.push(...word.pieces);
      used = wordWidth;
      continue;
    }
    const chunks = splitWord(word.pieces, width, measure);
    lines.push(...chunks.slice(0, -1));
    line = chunks.at(-1) ?? [];
    used = line.reduce((sum, p) => sum + measure(p), 0);
  }
  if (line.length) lines.push(line);
  return lines.map((pieces) => toLine(pieces, measure));
}

/**
 * breakLines for one run of text in one style without links (most table cells and many paragraphs),
 * without making an object per word and piece: the same decisions in the same arithmetic, so the
 * same lines. Undefined for a word wider than a line, which the general path splits.
 */
function breakPlainLines(span: Span, width: number, size: number, metrics: Metrics): Line[] | undefined {
  const { style } = span;
  const words = normaliseText(span.text).split(' ');
  const space = metrics.width(' ', style, size);
  const lines: Line[] = [];
  let line: string[] = [];
  let used = 0;
  const finish = () => {
    const text = line.join(' ');
    const lineWidth = metrics.width(text, style, size);
    lines.push({ fragments: [{ text, style, x: 0, width: lineWidth }], width: lineWidth });
  };
  for (const word of words) {
    if (!word) continue;
    const wordWidth = 0 + metrics.width(word, style, size);
    const spaceWidth = line.length ? space : 0;
    if (used + spaceWidth + wordWidth <= width) {
      line.push(word);
      used += spaceWidth + wordWidth;
      continue;
    }
    if (line.length) finish();
    if (wordWidth > width) return undefined;
    line = [word];
    used = wordWidth;
  }
  if (line.length) finish();
  return lines;
}

/** Joins neighbouring pieces of one style and link, and places them. */
function toLine(pieces: Piece[], measure: (p: Piece) => number): Line {
  const merged: Piece[] = [];
  for (const p of pieces) {
    const last = merged.at(-1);
    if (last && last.style === p.style && last.link?.id === p.link?.id) last.text += p.text;
    else merged.push({ ...p });
  }
  let x = 0;
  const fragments = merged.map((p) => {
    const width = measure(p);
    const fragment: Fragment = { ...p, x, width };
    x += width;
    return fragment;
  });
  return { fragments, width: x };
}
