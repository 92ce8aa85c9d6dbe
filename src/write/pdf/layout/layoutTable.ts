// Tables (the asset register, the policy details): columns sized to their content, wrapped cells, header row repeated on each page.

import type { Table } from '../../../tree/types.ts';
import type { Metrics } from '../metrics.ts';
import type { BlockContext } from './BlockContext.ts';
import { breakLines, type Line, normaliseText, type Span, spansOf } from './breakLines.ts';
import { drawLine } from './placeLines.ts';
import { BODY_WIDTH, baselineOffset, COLOR, MARGIN, SPACE, TABLE_TEXT } from './theme.ts';
import type { Color, StructElem } from './types.ts';

interface CellSpec {
  spans: Span[];
  role: 'TH' | 'TD';
  scope?: 'Row' | 'Column';
  colSpan: number;
}

interface RowSpec {
  cells: CellSpec[];
  fill?: Color;
}

interface LaidCell {
  spec: CellSpec;
  x: number;
  width: number;
  lines: Line[];
}

/** A cell's element, and the Link elements of its links (one per link, however many lines it spans). */
interface Owner {
  element: StructElem;
  links: Map<number, StructElem>;
}

const PAD_X = SPACE.tablePadX;
const PAD_Y = SPACE.tablePadY;
const LEADING = TABLE_TEXT.leading;

/**
 * Auto layout as browsers do it: each column between its longest word and its
 * longest cell (no wider than the table: it wraps anyway). A header row's labels
 * count as whole words while they can, so "Who can enter data" stays on one line.
 */
export function columnWidths(rows: readonly RowSpec[], columns: number, total: number, metrics: Metrics, rowHeaders = false): number[] {
  const min = new Array<number>(columns).fill(2 * PAD_X + 12);
  const max = [...min];
  for (const row of rows) {
    let col = 0;
    for (const cell of row.cells) {
      if (cell.colSpan === 1) {
        // An unbreakable 200-character name must not take the whole table: past a quarter of it, it is broken instead.
        const cap = total * 0.25;
        const split = cell.spans.map((s) => ({ style: s.style, words: normaliseText(s.text).split(' ') }));
        const words = split.flatMap((s) => s.words.map((w) => Math.min(cap, metrics.width(w, s.style, TABLE_TEXT.size))));
        const spaces = split.reduce((n, s) => n + s.words.length - 1, 0) * metrics.width(' ', 'regular', TABLE_TEXT.size);
        const full = words.reduce((sum, w) => sum + w, spaces);
        const longest = Math.max(0, ...words);
        const label = cell.scope === 'Column' ? Math.min(full, (total / columns) * 0.8) : 0;
        min[col] = Math.max(min[col]!, Math.max(longest, label) + 2 * PAD_X);
        max[col] = Math.max(max[col]!, Math.min(full, total) + 2 * PAD_X);
      }
      col += cell.colSpan;
    }
  }
  const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
  if (sum(max) <= total) {
    // Spare width goes to the values: a row-header column stays as narrow as its labels.
    const grow = max.map((m, i) => (rowHeaders && i === 0 && columns > 1 ? 0 : m));
    return max.map((m, i) => m + ((total - sum(max)) * grow[i]!) / sum(grow));
  }
  if (sum(min) <= total) {
    const slack = sum(max) - sum(min);
    return min.map((m, i) => m + ((total - sum(min)) * (max[i]! - m)) / slack);
  }
  return min.map((m) => (total * m) / sum(min));
}

// A function of the module, not a closure made per table: V8 drops a closure's optimised code when the
// worker collects its heap (see writeElement in tagging.ts), and this one is called for every cell.
function cellOf(inlines: Parameters<typeof spansOf>[0], role: 'TH' | 'TD', nextLinkId: () => number, scope?: 'Row' | 'Column'): CellSpec {
  return {
    spans: spansOf(inlines, role === 'TH' ? 'bold' : 'regular', nextLinkId),
    role,
    ...(scope ? { scope } : {}),
    colSpan: 1,
  };
}

function rowsOf(table: Table, nextLinkId: () => number): { head?: RowSpec; body: RowSpec[] } {
  const head: RowSpec | undefined = table.rowHeaders
    ? undefined
    : { cells: table.columns.map((c) => cellOf([{ type: 'text', value: c }], 'TH', nextLinkId, 'Column')), fill: COLOR.tableHead };
  const body: RowSpec[] = [];
  for (const group of table.groups) {
    if (group.title !== undefined) {
      body.push({ cells: [{ spans: [{ text: group.title, style: 'bold' }], role: 'TH', colSpan: table.columns.length }], fill: COLOR.tableGroup });
    }
    for (const row of group.rows) {
      body.push({ cells: row.cells.map((cell, i) => (table.rowHeaders && i === 0 ? cellOf(cell, 'TH', nextLinkId, 'Row') : cellOf(cell, 'TD', nextLinkId))) });
    }
  }
  return { ...(head ? { head } : {}), body };
}

function layRow(row: RowSpec, widths: readonly number[], metrics: Metrics): LaidCell[] {
  let x = MARGIN.left;
  let col = 0;
  return row.cells.map((spec) => {
    const width = widths.slice(col, col + spec.colSpan).reduce((s, w) => s + w, 0);
    const cell = { spec, x, width, lines: breakLines(spec.spans, width - 2 * PAD_X, TABLE_TEXT.size, metrics) };
    x += width;
    col += spec.colSpan;
    return cell;
  });
}

const heightOf = (cells: readonly LaidCell[]) => Math.max(1, ...cells.map((c) => c.lines.length)) * LEADING + 2 * PAD_Y;

/** Points between a caption and its table. */
const CAPTION_GAP = 3;

/**
 * Lays out a table under its caption. `captionShown: false` (a caption that repeats the heading just
 * above it, see captionRepeatsHeading) draws no caption: the caption names the table as its title (/T).
 */
export function layoutTable(table: Table, parent: StructElem, ctx: BlockContext, { captionShown = true } = {}): void {
  const { flow, metrics } = ctx;
  const { head, body } = rowsOf(table, ctx.nextLinkId);
  const widths = columnWidths(head ? [head, ...body] : body, table.columns.length, BODY_WIDTH, metrics, table.rowHeaders);
  const element: StructElem = { role: 'Table', kids: [], ...(captionShown ? {} : { title: table.caption }) };
  parent.kids.push(element);

  const captionStyle = { size: TABLE_TEXT.size + 0.5, leading: LEADING + 2 };
  const caption = captionShown ? breakLines([{ text: table.caption, style: 'bold' }], BODY_WIDTH, captionStyle.size, metrics) : [];
  const headCells = head && layRow(head, widths, metrics);
  const bodyCells = body.map((row) => layRow(row, widths, metrics));
  const headHeight = headCells ? heightOf(headCells) : 0;
  const firstRows = bodyCells.slice(0, body[0]?.cells[0]?.colSpan !== 1 ? 2 : 1);
  const captionHeight = captionShown ? caption.length * captionStyle.leading + CAPTION_GAP : 0;
  flow.ensure(captionHeight + headHeight + firstRows.reduce((s, r) => s + heightOf(r), 0));

  if (captionShown) {
    const captionElement: StructElem = { role: 'Caption', kids: [] };
    element.kids.push(captionElement);
    const links = new Map<number, StructElem>();
    for (const line of caption) {
      drawLine(flow, line, flow.y, { x: MARGIN.left, style: captionStyle, color: COLOR.heading, owner: captionElement }, links);
      flow.y -= captionStyle.leading;
    }
    flow.y -= CAPTION_GAP;
  }

  const group = (role: 'THead' | 'TBody'): StructElem => {
    const g: StructElem = { role, kids: [] };
    element.kids.push(g);
    return g;
  };
  const fresh = flow.top - flow.bottom - headHeight;
  if (head && headCells) placeRow(ctx, head, headCells, group('THead'), fresh);
  // Continuation pages repeat the header row as page furniture: the structure has it once.
  const previous = flow.onNewPage;
  flow.onNewPage = () => {
    if (head && headCells) drawRowChunk(ctx, head, headCells.map((c) => ({ ...c })), headHeight, undefined);
  };
  try {
    const tbody = group('TBody');
    bodyCells.forEach((cells, i) => {
      const spec = body[i]!;
      // A category's title row goes with its first asset.
      const next = spec.cells[0]!.colSpan > 1 && bodyCells[i + 1] ? heightOf(bodyCells[i + 1]!) : 0;
      if (next) flow.ensure(heightOf(cells) + next);
      placeRow(ctx, spec, cells, tbody, fresh);
    });
  } finally {
    flow.onNewPage = previous;
  }
  flow.gap(SPACE.paragraph + 3);
}

/** Places a row, moving it to the next page when it fits there, and splitting it between pages only when it is taller than a page. */
function placeRow(ctx: BlockContext, row: RowSpec, cells: LaidCell[], group: StructElem, fresh: number): void {
  const { flow } = ctx;
  const tr: StructElem = { role: 'TR', kids: [] };
  group.kids.push(tr);
  const owners = cells.map((c): Owner => {
    const cell: StructElem = {
      role: c.spec.role,
      kids: [],
      ...(c.spec.scope || c.spec.colSpan > 1 ? { attributes: { ...(c.spec.scope ? { scope: c.spec.scope } : {}), ...(c.spec.colSpan > 1 ? { colSpan: c.spec.colSpan } : {}) } } : {}),
    };
    tr.kids.push(cell);
    return { element: cell, links: new Map() };
  });
  let rest = cells;
  for (;;) {
    const height = heightOf(rest);
    if (height <= flow.room + 0.01) {
      drawRowChunk(ctx, row, rest, height, owners);
      flow.y -= height;
      return;
    }
    if (!flow.atTop && height <= fresh) {
      flow.newPage();
      continue;
    }
    const fits = Math.max(1, Math.floor((flow.room - 2 * PAD_Y) / LEADING));
    const chunk = rest.map((c) => ({ ...c, lines: c.lines.slice(0, fits) }));
    const chunkHeight = heightOf(chunk);
    drawRowChunk(ctx, row, chunk, chunkHeight, owners);
    flow.y -= chunkHeight;
    rest = rest.map((c) => ({ ...c, lines: c.lines.slice(fits) }));
    flow.newPage();
  }
}

/** Draws cells' frames and lines at the cursor; without owners the text is an artifact (a repeated header). */
function drawRowChunk(ctx: BlockContext, row: RowSpec, cells: readonly LaidCell[], height: number, owners: Owner[] | undefined): void {
  const { flow } = ctx;
  const top = flow.y;
  cells.forEach((cell, i) => {
    flow.add({ kind: 'rect', x: cell.x, y: top - height, width: cell.width, height, ...(row.fill ? { fill: row.fill } : {}), stroke: COLOR.rule, lineWidth: 0.5, artifact: 'Layout' });
    const options = { x: cell.x + PAD_X, style: TABLE_TEXT };
    cell.lines.forEach((line, k) => {
      const lineTop = top - PAD_Y - k * LEADING;
      if (owners) {
        drawLine(flow, line, lineTop, { ...options, owner: owners[i]!.element }, owners[i]!.links);
      } else {
        for (const f of line.fragments) {
          flow.add({ kind: 'text', x: options.x + f.x, y: lineTop - baselineOffset(TABLE_TEXT), text: f.text, style: f.style, size: TABLE_TEXT.size, color: COLOR.text, artifact: 'Pagination' });
        }
      }
    });
  });
  if (!owners) flow.y -= height;
}
