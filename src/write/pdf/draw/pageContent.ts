// One page's boxes → content-stream operators, each tagged as content (with an MCID) or as an artifact.

import {
  beginText,
  endText,
  fill,
  fillAndStroke,
  LineCapStyle,
  lineTo,
  moveText,
  moveTo,
  type PDFOperator,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setDashPattern,
  setFillingRgbColor,
  setFontAndSize,
  setLineCap,
  setLineWidth,
  setStrokingRgbColor,
  showText,
  stroke,
} from 'pdf-lib';
import type { FontStyle } from '../fonts.ts';
import type { PageLayout } from '../layout/types.ts';
import { beginArtifact, beginTagged, endMarked } from '../tagging.ts';
import type { EmbeddedFont } from './embedFonts.ts';

/** Two decimals (1/7200 inch) is finer than any printer, and keeps streams short and stable. */
const r = (v: number) => Math.round(v * 100) / 100;

export interface PageContentInput {
  page: PageLayout;
  pageIndex: number;
  fonts: ReadonlyMap<FontStyle, EmbeddedFont>;
  /** The structure role each mark belongs to. */
  roles: ReadonlyMap<number, string>;
  /** Filled in: where each mark was drawn. */
  marks: Map<number, { page: number; mcid: number }>;
}

export function pageOperators({ page, pageIndex, fonts, roles, marks }: PageContentInput): PDFOperator[] {
  const ops: PDFOperator[] = [];
  let mcid = 0;
  for (const box of page.boxes) {
    switch (box.kind) {
      case 'text': {
        const font = fonts.get(box.style)!;
        if (box.mark !== undefined) {
          marks.set(box.mark, { page: pageIndex, mcid });
          ops.push(beginTagged(roles.get(box.mark) ?? 'Span', mcid++));
        } else {
          ops.push(beginArtifact(box.artifact ?? 'Layout'));
        }
        ops.push(
          beginText(),
          setFillingRgbColor(...box.color),
          setFontAndSize(font.key, box.size),
          moveText(r(box.x), r(box.y)),
          showText(font.font.encodeText(box.text)),
          endText(),
          endMarked(),
        );
        break;
      }
      case 'rect': {
        ops.push(beginArtifact(box.artifact), pushGraphicsState());
        if (box.fill) ops.push(setFillingRgbColor(...box.fill));
        if (box.stroke) ops.push(setStrokingRgbColor(...box.stroke), setLineWidth(box.lineWidth ?? 0.5));
        ops.push(rectangle(r(box.x), r(box.y), r(box.width), r(box.height)));
        ops.push(box.fill && box.stroke ? fillAndStroke() : box.fill ? fill() : stroke());
        ops.push(popGraphicsState(), endMarked());
        break;
      }
      case 'line': {
        ops.push(beginArtifact(box.artifact), pushGraphicsState(), setStrokingRgbColor(...box.color), setLineWidth(box.lineWidth));
        // Zero-length dashes with round caps draw round dots: a leader without any text in it.
        if (box.dots) ops.push(setLineCap(LineCapStyle.Round), setDashPattern([0, box.dots], 0));
        ops.push(moveTo(r(box.x1), r(box.y1)), lineTo(r(box.x2), r(box.y2)), stroke(), popGraphicsState(), endMarked());
        break;
      }
      case 'link':
      case 'field':
        // Annotations, not page content: see annotations.ts.
        break;
    }
  }
  return ops;
}
