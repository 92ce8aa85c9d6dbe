// One page's boxes → its content stream, each box tagged as content (with an MCID) or as an artifact.
//
// Written as text rather than as pdf-lib PDFOperator objects: a policy with a long asset register draws
// tens of thousands of boxes, and building, sizing and copying an object per operand was a fifth of the
// time a PDF took. The operators are the same ones pdf-lib would write (ISO 32000-1, 8.2 and 9.4).

import type { FontStyle } from '../fonts.ts';
import type { Color, PageLayout } from '../layout/types.ts';
import { beginArtifact, beginTagged, END_MARKED } from '../tagging.ts';
import type { EmbeddedFont } from './embedFonts.ts';

/** Two decimals (1/7200 inch) is finer than any printer, and keeps streams short and stable. */
const r = (v: number) => pdfNumber(v, 2);

/** A colour component to three decimals, well inside one step of 8-bit colour. */
const c = (v: number) => pdfNumber(v, 3);

/**
 * Rounded to `places` decimals, never in exponent form, "-0" as "0". `String(n / scale)` is the
 * shortest text that reads back as that number, which for a whole number of hundredths (well
 * under 10^15) is its digits with trailing zeros dropped: what toFixed and trimming gave, faster.
 */
function pdfNumber(v: number, places: number): string {
  const scale = 10 ** places;
  const n = Math.round(v * scale);
  return n === 0 ? '0' : String(n / scale);
}

/** A colour's operands; the layout uses a handful of colour objects, each written thousands of times. */
const rgbText = new WeakMap<Color, string>();
function rgb(color: Color): string {
  let text = rgbText.get(color);
  if (text === undefined) {
    const [red, green, blue] = color;
    rgbText.set(color, (text = `${c(red)} ${c(green)} ${c(blue)}`));
  }
  return text;
}

export interface PageContentInput {
  page: PageLayout;
  pageIndex: number;
  fonts: ReadonlyMap<FontStyle, EmbeddedFont>;
  /** The structure role each mark belongs to. */
  roles: ReadonlyMap<number, string>;
  /** Filled in: where each mark was drawn. */
  marks: Map<number, { page: number; mcid: number }>;
}

export function pageContent({ page, pageIndex, fonts, roles, marks }: PageContentInput): string {
  const out: string[] = [];
  let mcid = 0;
  // The fill colour and the font persist from one text object to the next (ISO 32000-1, 9.3.1), and
  // rules and fills change them only inside q … Q, so each is set only when it changes: most of a
  // page is runs of text in one colour and face, and a third of its bytes were these repeats.
  let fill = '';
  let font = '';
  let face: EmbeddedFont | undefined;
  let size = Number.NaN;
  for (const box of page.boxes) {
    switch (box.kind) {
      case 'text': {
        if (box.mark !== undefined) {
          marks.set(box.mark, { page: pageIndex, mcid });
          out.push(beginTagged(roles.get(box.mark) ?? 'Span', mcid++));
        } else {
          out.push(beginArtifact(box.artifact ?? 'Layout'));
        }
        out.push('BT');
        const colour = rgb(box.color);
        if (colour !== fill) out.push(`${(fill = colour)} rg`);
        const boxFace = fonts.get(box.style)!;
        // The operator is made only when the face or size changes, and written only when it differs.
        if (boxFace !== face || box.size !== size) {
          face = boxFace;
          size = box.size;
          const selected = `${face.key} ${r(size)} Tf`;
          if (selected !== font) out.push((font = selected));
        }
        out.push(`${r(box.x)} ${r(box.y)} Td`, `<${boxFace.encode(box.text)}> Tj`, 'ET', END_MARKED);
        break;
      }
      case 'rect': {
        out.push(beginArtifact(box.artifact), 'q');
        if (box.fill) out.push(`${rgb(box.fill)} rg`);
        if (box.stroke) out.push(`${rgb(box.stroke)} RG`, `${r(box.lineWidth ?? 0.5)} w`);
        out.push(`${r(box.x)} ${r(box.y)} ${r(box.width)} ${r(box.height)} re`);
        out.push(box.fill && box.stroke ? 'B' : box.fill ? 'f' : 'S');
        out.push('Q', END_MARKED);
        break;
      }
      case 'line': {
        out.push(beginArtifact(box.artifact), 'q', `${rgb(box.color)} RG`, `${r(box.lineWidth)} w`);
        // Zero-length dashes with round caps (1 J) draw round dots: a leader without any text in it.
        if (box.dots) out.push('1 J', `[0 ${r(box.dots)}] 0 d`);
        out.push(`${r(box.x1)} ${r(box.y1)} m`, `${r(box.x2)} ${r(box.y2)} l`, 'S', 'Q', END_MARKED);
        break;
      }
      case 'link':
      case 'field':
        // Annotations, not page content: see annotations.ts.
        break;
    }
  }
  out.push('');
  return out.join('\n');
}
