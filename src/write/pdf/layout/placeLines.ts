// Puts broken lines on the page as tagged text, with link areas, keeping no lone line at a page's foot or head.

import type { Flow } from './Flow.ts';
import type { Line } from './breakLines.ts';
import { baselineOffset, COLOR, type TextStyle } from './theme.ts';
import type { Color, StructElem } from './types.ts';

export interface LineOptions {
  x: number;
  style: TextStyle;
  color?: Color;
  /** The element the text belongs to (a P, H1, TD …); links become Link children of it. */
  owner: StructElem;
  /** A clause id that internal links (`#id`) can go to: set where its first line lands. */
  anchor?: string;
}

/** Draws one line with its top at `top`; returns nothing, the caller moves the cursor. */
export function drawLine(flow: Flow, line: Line, top: number, options: LineOptions, links: Map<number, StructElem>): void {
  const { x, style, owner } = options;
  const baseline = top - baselineOffset(style);
  for (const f of line.fragments) {
    const mark = flow.nextMark();
    flow.add({ kind: 'text', x: x + f.x, y: baseline, text: f.text, style: f.style, size: style.size, color: f.link ? COLOR.link : (options.color ?? COLOR.text), mark });
    if (!f.link) {
      owner.kids.push({ mark });
      continue;
    }
    let link = links.get(f.link.id);
    if (!link) {
      link = { role: 'Link', kids: [] };
      links.set(f.link.id, link);
      owner.kids.push(link);
    }
    const annotation = flow.nextAnnotation();
    const visible = f.text.trimEnd();
    const width = f.width * (visible.length / Math.max(1, f.text.length));
    link.kids.push({ mark }, { annotation });
    // "#id" links go to a section or clause of this policy (render/resolveLinks.ts checked that it is here).
    const target = f.link.url.startsWith('#') ? { anchor: f.link.url.slice(1) } : { uri: f.link.url };
    flow.add({ kind: 'link', x: x + f.x, y: baseline - style.size * 0.3, width, height: style.size * 1.25, target, annotation });
    flow.add({ kind: 'rect', x: x + f.x, y: baseline - style.size * 0.14, width, height: 0.6, fill: COLOR.link, artifact: 'Layout' });
  }
}

/** The fewest lines of a paragraph worth starting on a page: two, so no first line is left alone. */
export function startHeight(lines: readonly Line[], style: TextStyle): number {
  return Math.min(2, lines.length) * style.leading;
}

/**
 * Places a paragraph's lines, breaking pages as needed: never one line alone at the
 * foot of a page (orphan) nor alone at the head of the next (widow) when avoidable.
 */
export function placeLines(flow: Flow, lines: readonly Line[], options: LineOptions): void {
  const links = new Map<number, StructElem>();
  let i = 0;
  while (i < lines.length) {
    const remaining = lines.length - i;
    const fits = Math.floor((flow.room + 0.01) / options.style.leading);
    let take = Math.min(fits, remaining);
    if (take < remaining) {
      if (i === 0 && take < 2 && lines.length > 1) take = 0;
      else if (remaining - take === 1 && take > (i === 0 ? 2 : 1)) take -= 1;
    }
    if (take <= 0) {
      if (flow.atTop) take = 1; // a line taller than a page: draw it anyway rather than loop
      else {
        flow.newPage();
        continue;
      }
    }
    if (i === 0 && options.anchor) flow.anchor(options.anchor);
    for (let k = 0; k < take; k++) {
      drawLine(flow, lines[i + k]!, flow.y, options, links);
      flow.y -= options.style.leading;
    }
    i += take;
    if (i < lines.length) flow.newPage();
  }
}
