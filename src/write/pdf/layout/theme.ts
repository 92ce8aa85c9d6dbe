// The page and type design of the PDF: one place to change how every policy looks.

import type { Color } from './types.ts';

/** A4 in points. */
export const PAGE = { width: 595.28, height: 841.89 } as const;

/** 22 mm at the sides is a comfortable measure (about 85 characters) at the body size. */
export const MARGIN = { top: 76, bottom: 72, left: 62, right: 62 } as const;

export const BODY_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

export const COLOR = {
  text: [0.11, 0.12, 0.14],
  heading: [0.07, 0.2, 0.38],
  muted: [0.36, 0.39, 0.44],
  rule: [0.68, 0.72, 0.78],
  tableHead: [0.89, 0.92, 0.96],
  tableGroup: [0.95, 0.96, 0.98],
  link: [0.04, 0.32, 0.62],
  approved: [0.05, 0.45, 0.22],
  draft: [0.7, 0.33, 0.02],
  field: [0.3, 0.34, 0.4],
} as const satisfies Record<string, Color>;

export interface TextStyle {
  size: number;
  /** Distance between baselines. */
  leading: number;
}

export const BODY: TextStyle = { size: 10.5, leading: 15 };
export const SMALL: TextStyle = { size: 8.5, leading: 11 };
export const TABLE_TEXT: TextStyle = { size: 9.5, leading: 13 };

export const HEADING: Record<1 | 2 | 3, TextStyle & { before: number; after: number }> = {
  1: { size: 16.5, leading: 21, before: 20, after: 7 },
  2: { size: 13, leading: 17, before: 14, after: 5 },
  3: { size: 11, leading: 15, before: 10, after: 3 },
};

/** Bullets by list depth; the font has no white bullet, and a dash reads well as the second level. */
export const BULLETS = ['•', '–', '•'] as const;

export const SPACE = {
  /** After a paragraph or a list. */
  paragraph: 7,
  /** Between list items. */
  item: 3,
  /** Indent of each list level, and the label column inside it. */
  listIndent: 18,
  tablePadX: 5,
  tablePadY: 4,
  /** Headings need this much of what follows on the same page (two body lines). */
  keepWithNext: 2 * 15,
} as const;

/** Where a line's baseline sits below the top of its line box: caps centred in the box. */
export function baselineOffset(style: TextStyle): number {
  return (style.leading + style.size * 0.7) / 2;
}
