import { describe, expect, it } from 'vitest';
import { LONG_NAME, stressDocument } from '../../../../test/support/stressDocument.ts';
import { sectionsOf } from '../../../tree/walk.ts';
import { toPlainText } from '../../text/toPlainText.ts';
import { createFontMetrics } from '../metrics.ts';
import { expectedBodyWords, wordsOf } from '../sameWords.ts';
import { layoutDocument } from './layoutDocument.ts';
import { MARGIN, PAGE } from './theme.ts';
import type { Block, PolicyDocument } from '../../../tree/types.ts';
import type { DocumentLayout, OutlineEntry, StructElem, TextBox } from './types.ts';

const metrics = createFontMetrics();
const doc = stressDocument();
const layout = layoutDocument(doc, metrics);

/** Every mark's box, and the role of the element it belongs to. */
function marksOf(l: DocumentLayout): Map<number, { box: TextBox; page: number; role: string }> {
  const boxes = new Map<number, { box: TextBox; page: number }>();
  l.pages.forEach((page, i) => page.boxes.forEach((b) => b.kind === 'text' && b.mark !== undefined && boxes.set(b.mark, { box: b, page: i })));
  const out = new Map<number, { box: TextBox; page: number; role: string }>();
  const visit = (e: StructElem) => e.kids.forEach((k) => ('role' in k ? visit(k) : 'mark' in k && out.set(k.mark, { ...boxes.get(k.mark)!, role: e.role })));
  visit(l.structure);
  return out;
}

/** Content of the structure elements in reading order: fragments of one line joined as drawn, lines by a space. */
function readingText(l: DocumentLayout, elements: readonly StructElem[]): string {
  const marks = marksOf(l);
  let out = '';
  let last: { page: number; y: number } | undefined;
  const visit = (e: StructElem) =>
    e.kids.forEach((k) => {
      if ('role' in k) return visit(k);
      if (!('mark' in k)) return;
      const { box, page } = marks.get(k.mark)!;
      out += (last && (last.page !== page || Math.abs(last.y - box.y) > 0.01) ? ' ' : '') + box.text;
      last = { page, y: box.y };
    });
  elements.forEach(visit);
  return out;
}

describe('layoutDocument', () => {
  it('keeps every line inside the margins, the 200-character name and the long URL included', () => {
    for (const page of layout.pages) {
      for (const box of page.boxes) {
        if (box.kind !== 'text') continue;
        expect(box.x).toBeGreaterThanOrEqual(MARGIN.left - 0.01);
        expect(box.x + metrics.width(box.text.trimEnd(), box.style, box.size)).toBeLessThanOrEqual(PAGE.width - MARGIN.right + 0.01);
        expect(box.y).toBeGreaterThan(0);
        expect(box.y).toBeLessThan(PAGE.height);
      }
    }
    const drawn = layout.pages.flatMap((p) => p.boxes.flatMap((b) => (b.kind === 'text' && b.mark !== undefined ? [b.text] : [])));
    expect(drawn.join('').replace(/\s/g, '')).toContain(LONG_NAME);
  });

  it('never leaves a heading last on a page', () => {
    const marks = marksOf(layout);
    layout.pages.forEach((_, page) => {
      const onPage = [...marks.values()].filter((m) => m.page === page);
      const lowest = onPage.reduce((a, b) => (b.box.y < a.box.y ? b : a), onPage[0]!);
      expect(lowest.role, `page ${page + 1}`).not.toMatch(/^H[1-3]$/);
    });
  });

  it('repeats the table header row as an artifact on each page the table continues on', () => {
    const from = layout.anchors.get('assets')!.page;
    const to = layout.anchors.get('_sign-off')!.page;
    const tablePages = new Set([...marksOf(layout).values()].filter((m) => m.role === 'TD' && m.page >= from && m.page < to).map((m) => m.page));
    expect(tablePages.size).toBeGreaterThan(1);
    const [first, ...rest] = [...tablePages].sort((a, b) => a - b);
    const repeated = (page: number) => layout.pages[page]!.boxes.some((b) => b.kind === 'text' && b.artifact === 'Pagination' && b.text.startsWith('Information'));
    expect(repeated(first!)).toBe(false);
    for (const page of rest) expect(repeated(page), `page ${page + 1}`).toBe(true);
  });

  it('puts the running header and "Page n of N" on pages as artifacts', () => {
    const n = layout.pages.length;
    layout.pages.forEach((page, i) => {
      const artifacts = page.boxes.filter((b): b is TextBox => b.kind === 'text' && b.artifact !== undefined).map((b) => b.text);
      expect(artifacts).toContain(`Page ${i + 1} of ${n}`);
      if (i > 0) expect(artifacts).toContain(doc.meta.schoolName);
    });
  });

  it('reads, in tag order, the same words as the text rendering', () => {
    const body = layout.structure.kids.slice(2, -1).filter((k): k is StructElem => 'role' in k);
    const expected = expectedBodyWords(toPlainText(doc)).join(' ');
    // The overlong words are broken across lines, so compare without spaces here; the example schools compare word by word.
    expect(readingText(layout, body).replace(/\s/g, '')).toBe(expected.replace(/\s/g, ''));
    expect(wordsOf(readingText(layout, body)).length).toBeGreaterThan(500);
  });

  it('bookmarks every section, nested, and links the contents to the right pages', () => {
    const titles = (entries: readonly OutlineEntry[]): string[] => entries.flatMap((e) => [e.title, ...titles(e.children)]);
    expect(titles(layout.outline)).toEqual(['E-Security Policy', 'Contents', ...sectionsOf(doc).map((s) => s.title), 'Governor sign-off']);
    expect(layout.outline.find((e) => e.title === 'Lists')!.children[0]!.children[0]!.title).toBe('A sub-subsection');
    const contents = layout.pages[1]!.boxes.filter((b) => b.kind === 'link');
    expect(contents.length).toBeGreaterThan(8);
    for (const link of contents) {
      if (link.kind !== 'link' || !('anchor' in link.target)) throw new Error('contents links go to anchors');
      expect(layout.anchors.has(link.target.anchor)).toBe(true);
    }
    const numbers = readingText(layout, [layout.structure.kids[1] as StructElem]);
    // Title and number are separate content on one line: a reader hears "Lists", "3".
    expect(numbers).toMatch(new RegExp(`Lists ?${layout.anchors.get('lists')!.page + 1} `));
  });

  it('sends "#id" links to the section or clause, wherever it lands', () => {
    const targets = layout.pages.flatMap((p) => p.boxes.flatMap((b) => (b.kind === 'link' && 'anchor' in b.target && !b.target.anchor.startsWith('_') ? [b.target.anchor] : [])));
    expect(targets).toEqual(expect.arrayContaining(['assets', 'special']));
    expect(layout.anchors.get('special')!.page).toBe(layout.anchors.get('welcome')!.page);
    expect(layout.anchors.get('assets')!.page).toBeGreaterThan(layout.anchors.get('welcome')!.page);
  });

  it('gives each signatory a signature, name and date field with a stable name', () => {
    const fields = layout.pages.flatMap((p) => p.boxes.flatMap((b) => (b.kind === 'field' ? [`${b.fieldType}:${b.name}`] : [])));
    expect(fields).toEqual([
      'signature:chair_of_governors_signature',
      'text:chair_of_governors_name',
      'text:chair_of_governors_date',
      'signature:headteacher_signature',
      'text:headteacher_name',
      'text:headteacher_date',
      'signature:clerk_to_the_governors_signature',
      'text:clerk_to_the_governors_name',
      'text:clerk_to_the_governors_date',
    ]);
  });

  it("does not draw a caption that repeats the heading just above it, and names the table by it instead", () => {
    const table = (id: string, caption: string): Block => ({ type: 'table', id, caption, columns: ['Detail', 'Value'], rowHeaders: true, groups: [{ rows: [{ cells: [[{ type: 'text', value: 'Name' }], [{ type: 'text', value: 'Oak' }]] }] }] });
    const small: PolicyDocument = {
      ...doc,
      children: [
        { type: 'section', id: 'details', depth: 1, title: 'Policy details', children: [table('review', 'Policy details'), table('other', 'Policy details')] },
        { type: 'section', id: 'assets', depth: 1, title: 'Assets', children: [table('register', 'Information assets')] },
      ],
    };
    const laid = layoutDocument(small, metrics);
    const tables: StructElem[] = [];
    const visit = (e: StructElem) => (e.role === 'Table' ? tables.push(e) : e.kids.forEach((k) => 'role' in k && visit(k)));
    visit(laid.structure);
    // The body's three tables (the title page and the sign-off page have tables of their own).
    const body = tables.filter((t) => t.title !== undefined || readingText(laid, t.kids.filter((k): k is StructElem => 'role' in k && k.role === 'Caption')).match(/^(Policy details|Information assets)$/));
    const captions = body.map((t) => ({ title: t.title, caption: t.kids.some((k) => 'role' in k && k.role === 'Caption') }));
    // Only the first, which starts its section under the same words: the second is not first in its section.
    expect(captions).toEqual([{ title: 'Policy details', caption: false }, { title: undefined, caption: true }, { title: undefined, caption: true }]);
    const drawn = laid.pages.flatMap((page) => page.boxes.filter((b): b is TextBox => b.kind === 'text' && b.mark !== undefined).map((b) => b.text));
    // Its entry in the contents, its heading and the second table's caption: the first table's is not drawn.
    expect(drawn.filter((text) => text === 'Policy details')).toHaveLength(3);
  });

  it('is pure: the same tree gives the same layout', () => {
    expect(JSON.stringify(layoutDocument(stressDocument(), metrics), (_k, v) => (v instanceof Map ? [...v] : v))).toBe(JSON.stringify(layout, (_k, v) => (v instanceof Map ? [...v] : v)));
  });
});
