// The PDFs of the example schools, and of a tree built to stress layout, as qpdf and poppler read them.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { loadProject } from '../src/project/loadProject.ts';
import { createNodeWorld } from '../src/project/World.ts';
import { signOffFieldNames } from '../src/tree/signOff.ts';
import type { Block, PolicyDocument, Section } from '../src/tree/types.ts';
import { MARGIN, PAGE } from '../src/write/pdf/layout/theme.ts';
import { expectedBodyWords, wordsOf } from '../src/write/pdf/sameWords.ts';
import { writePdf } from '../src/write/pdf/writePdf.ts';
import { toPlainText } from '../src/write/text/toPlainText.ts';
import { bodyText, bodyTextWithoutRepeats, contentByDocumentChild, describeWithPdfTools, type QpdfOutline, qpdfJson, structLines, tool } from './support/pdfTools.ts';
import { LONG_NAME, LONG_URL, SPECIAL_WORDS, stressDocument } from './support/stressDocument.ts';
import { REPO } from './support/tempProject.ts';

const out = mkdtempSync(join(tmpdir(), 'policy-press-pdf-'));
const project = loadProject(createNodeWorld(REPO));
const documents = [...project.documents.values()];
const files = new Map<string, string>();

beforeAll(async () => {
  for (const doc of [...documents, stressDocument()]) {
    const file = join(out, `${doc.slug}.pdf`);
    writeFileSync(file, await writePdf(doc));
    files.set(doc.slug, file);
  }
});

const outlineTitles = (entries: readonly QpdfOutline[]): unknown[] => entries.map((e) => (e.kids.length ? [e.title, outlineTitles(e.kids)] : e.title));
const sectionTitles = (sections: readonly Section[]): unknown[] => {
  return sections.map((s) => {
    const kids = s.children.filter((c): c is Section => c.type === 'section');
    return kids.length ? [s.title, sectionTitles(kids)] : s.title;
  });
};

/** Each table's header row as pdftotext prints it. */
function headerRows(doc: PolicyDocument): Set<string> {
  const rows = new Set<string>();
  const visit = (blocks: readonly Block[]): void => {
    for (const b of blocks) {
      if (b.type === 'table' && !b.rowHeaders) rows.add(b.columns.join(' '));
      if (b.type === 'section') visit(b.children);
    }
  };
  visit(doc.children);
  return rows;
}

/** Page numbers (from 1) of the body: from the first section's bookmark to the page before the sign-off's. */
function bodyPages(file: string): { first: number; last: number; signOff: number } {
  const { outlines } = qpdfJson(file);
  return { first: outlines[2]!.destpageposfrom1, last: outlines.at(-1)!.destpageposfrom1 - 1, signOff: outlines.at(-1)!.destpageposfrom1 };
}

describeWithPdfTools('the PDF of each example school', () => {
  it('there are example schools to check', () => {
    expect(documents.length).toBeGreaterThan(0);
    expect(project.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it.each(documents.map((d) => [d.slug, d] as const))('%s: qpdf --check finds nothing', (slug) => {
    const report = tool('qpdf', ['--check', files.get(slug)!]);
    expect(report).toContain('No syntax or stream encoding errors found');
    expect(report).not.toMatch(/WARNING/i);
  });

  it.each(documents.map((d) => [d.slug, d] as const))('%s: every font embedded and subset, with a ToUnicode map', (slug) => {
    const rows = tool('pdffonts', [files.get(slug)!]).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatch(/^[A-Z]{6}\+IBMPlexSans-\S+\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s/);
    }
  });

  it.each(documents.map((d) => [d.slug, d] as const))('%s: tagged, titled (Info and XMP), en-GB, A4, with a form', (slug, doc) => {
    const info = tool('pdfinfo', [files.get(slug)!]);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Form:\s+AcroForm$/m);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
    expect(info).toContain(`Title:           ${doc.meta.title}: ${doc.meta.schoolName}`);
    expect(info).toMatch(/^Metadata Stream:\s+yes$/m);
    expect(tool('pdfinfo', ['-meta', files.get(slug)!])).toContain(`<rdf:li xml:lang="x-default">${doc.meta.title}: ${doc.meta.schoolName.replace(/&/g, '&amp;')}</rdf:li>`);
    const catalog = qpdfJson(files.get(slug)!).qpdf[1] as Record<string, { value?: Record<string, unknown> }>;
    const root = Object.values(catalog).find((o) => o.value?.['/Type'] === '/Catalog')!.value!;
    expect(root['/Lang']).toBe('u:en-GB');
    expect(root['/MarkInfo']).toEqual({ '/Marked': true });
    const preferences = root['/ViewerPreferences'] as string;
    expect(catalog[`obj:${preferences}`]!.value).toEqual({ '/DisplayDocTitle': true });
  });

  it.each(documents.map((d) => [d.slug, d] as const))('%s: pdftotext gives the text rendering’s words, in order', (slug, doc) => {
    const file = files.get(slug)!;
    const { first, last } = bodyPages(file);
    expect(wordsOf(bodyTextWithoutRepeats(file, first, last, headerRows(doc)))).toEqual(expectedBodyWords(toPlainText(doc)));
  });

  it.each(documents.map((d) => [d.slug, d] as const))('%s: pdfinfo -struct-text reads the body in the same order', (slug, doc) => {
    const children = contentByDocumentChild(structLines(files.get(slug)!));
    // Document: title page, contents, the sections (and attribution), sign-off.
    expect(children[0]!.role).toBe('Sect');
    expect(children[1]!.content[0]).toBe('Contents');
    expect(children.at(-1)!.content[0]).toBe('Governor sign-off');
    const body = children.slice(2, -1).flatMap((c) => c.content).join(' ');
    // Fragments of a line are separate content items, so spaces differ: compare the characters.
    expect(body.replace(/\s/g, '')).toBe(expectedBodyWords(toPlainText(doc)).join(''));
  });

  it.each(documents.map((d) => [d.slug, d] as const))('%s: tags headings, lists, tables, links and fields', (slug, doc) => {
    const roles = new Set(structLines(files.get(slug)!).map((l) => l.text.split(/[\s:]/)[0]));
    for (const role of ['Document', 'Sect', 'H1', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'TOC', 'TOCI', 'Link', 'Form']) expect(roles, role).toContain(role);
    if (doc.children.some((s) => s.children.some((c) => c.type === 'section'))) expect(roles).toContain('H2');
  });

  it.each(documents.map((d) => [d.slug, d] as const))('%s: a bookmark for every section, and the sign-off fields', (slug, doc) => {
    const { outlines, acroform } = qpdfJson(files.get(slug)!);
    expect(outlineTitles(outlines)).toEqual([doc.meta.title, 'Contents', ...sectionTitles(doc.children), 'Governor sign-off']);
    const { signOff } = bodyPages(files.get(slug)!);
    const expected = (doc.meta.signatories ?? []).flatMap((role) => {
      const names = signOffFieldNames(role);
      return [`${names.signature} /Sig`, `${names.name} /Tx`, `${names.date} /Tx`];
    });
    expect(expected.length).toBeGreaterThanOrEqual(6);
    expect(acroform.fields.map((f) => `${f.fullname} ${f.fieldtype}`)).toEqual(expected);
    for (const field of acroform.fields) {
      expect(field.pageposfrom1).toBeGreaterThanOrEqual(signOff);
      expect(field.alternativename).toMatch(/Signature of|Name of|Date the/);
    }
  });

  it.each(documents.map((d) => [d.slug, d] as const))('%s: the title and sign-off pages carry the policy’s data', (slug, doc) => {
    const file = files.get(slug)!;
    const title = tool('pdftotext', ['-raw', '-f', '1', '-l', '1', file, '-']);
    for (const value of [doc.meta.schoolName, doc.meta.title, doc.meta.lastReviewed.text, doc.meta.nextReview.text, doc.meta.reviewedBy]) expect(title).toContain(value);
    expect(title).toMatch(/Status (Approved|Draft)/);
    const { signOff } = bodyPages(file);
    const last = tool('pdftotext', ['-raw', '-f', String(signOff), file, '-']);
    for (const role of doc.meta.signatories ?? []) expect(last).toContain(role);
    for (const approval of doc.meta.approvals.slice(-1)) expect(last).toContain(approval.approvedBy);
  });
});

describeWithPdfTools('the PDF of a tree built to stress layout', () => {
  const doc: PolicyDocument = stressDocument();
  const file = () => files.get(doc.slug)!;

  it('is well formed, with embedded subset fonts', () => {
    expect(tool('qpdf', ['--check', file()])).toContain('No syntax or stream encoding errors found');
    for (const row of tool('pdffonts', [file()]).trim().split('\n').slice(2)) expect(row).toMatch(/^[A-Z]{6}\+IBMPlexSans-\S+\s.*\syes\s+yes\s+yes\s/);
  });

  it('keeps every word inside the margins: the 200-character name and the long URL break instead', () => {
    const html = tool('pdftotext', ['-bbox', file(), '-']);
    const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">/g)];
    expect(words.length).toBeGreaterThan(1000);
    for (const [, xMin, xMax] of words) {
      expect(Number(xMin)).toBeGreaterThanOrEqual(MARGIN.left - 1);
      expect(Number(xMax)).toBeLessThanOrEqual(PAGE.width - MARGIN.right + 1);
    }
    const text = tool('pdftotext', ['-raw', file(), '-']).replace(/\s/g, '');
    expect(text).toContain(LONG_NAME);
    expect(text).toContain(LONG_URL);
  });

  it('gives back exactly the words drawn: Welsh, Polish, accents, quotes, dashes, pounds', () => {
    const text = tool('pdftotext', ['-raw', file(), '-']);
    expect(text).toContain(`Special characters: ${SPECIAL_WORDS.join(' ')}.`);
  });

  it('repeats the table header row on each page of the table', () => {
    const { first, last } = bodyPages(file());
    const assetsPage = qpdfJson(file()).outlines.find((o) => o.title.startsWith('Appendix'))!.destpageposfrom1;
    for (let page = assetsPage; page <= last && page >= first; page++) {
      expect(bodyText(file(), page, page), `page ${page}`).toMatch(/^Information asset Owner Who can enter data Purpose$/m);
    }
    expect(last - assetsPage).toBeGreaterThan(0);
  });

  it('makes links clickable and tags them', () => {
    const objects = Object.values(qpdfJson(file()).qpdf[1]) as { value?: Record<string, unknown> }[];
    const uris = objects.flatMap((o) => (o.value?.['/Subtype'] === '/Link' && o.value['/A'] ? [(o.value['/A'] as Record<string, string>)['/URI']] : []));
    expect(uris).toContain(`u:${LONG_URL}`);
    expect(uris).toContain('u:https://www.lgfl.net/');
    expect(structLines(file()).filter((l) => l.text.startsWith('Link')).length).toBeGreaterThan(12);
    // Internal "#id" links go to the page of their target.
    const { outlines } = qpdfJson(file());
    const assetsPage = outlines.find((o) => o.title.startsWith('Appendix'))!.destpageposfrom1;
    const pageObjects = objects.filter((o) => o.value?.['/Type'] === '/Page');
    const internal = objects.flatMap((o) => (o.value?.['/Subtype'] === '/Link' && o.value['/Dest'] && (o.value['/Contents'] as string) !== undefined ? [o.value] : []));
    expect(internal.map((v) => v['/Contents'])).toContain(`u:Go to page ${assetsPage}`);
    expect(pageObjects.length).toBeGreaterThan(assetsPage);
  });

  it('has a signature, name and date field for each configured signatory', () => {
    expect(qpdfJson(file()).acroform.fields.map((f) => f.fullname)).toEqual(['chair_of_governors', 'headteacher', 'clerk_to_the_governors'].flatMap((id) => [`${id}_signature`, `${id}_name`, `${id}_date`]));
  });
});

describeWithPdfTools('a reproducible PDF', () => {
  const doc = () => documents[0]!;

  it('is byte-identical when built again from the same tree', async () => {
    const again = await writePdf(doc());
    expect(Buffer.compare(Buffer.from(again), readFileSync(files.get(doc().slug)!))).toBe(0);
  });

  it('dates itself from the policy, or SOURCE_DATE_EPOCH, never the clock', async () => {
    const info = tool('pdfinfo', ['-isodates', files.get(doc().slug)!]);
    const newest = [doc().meta.lastReviewed.iso, ...doc().meta.approvals.map((a) => a.date.iso)].map((d) => (d.length === 7 ? `${d}-01` : d)).sort().at(-1);
    expect(info).toMatch(new RegExp(`^CreationDate:\\s+${newest}T00:00:00Z$`, 'm'));
    expect(info).toMatch(new RegExp(`^ModDate:\\s+${newest}T00:00:00Z$`, 'm'));
    const file = join(out, 'epoch.pdf');
    writeFileSync(file, await writePdf(doc(), { env: { SOURCE_DATE_EPOCH: '1700000000' } }));
    expect(tool('pdfinfo', ['-isodates', file])).toMatch(/^CreationDate:\s+2023-11-14T22:13:20Z$/m);
  });

  it('has a trailer /ID derived from its content', async () => {
    const bytes = readFileSync(files.get(doc().slug)!, 'latin1');
    const id = /\/ID \[ <([0-9A-F]{32})> <([0-9A-F]{32})> \]/.exec(bytes);
    expect(id?.[1]).toBeDefined();
    expect(id![1]).toBe(id![2]);
    const other = Buffer.from(await writePdf({ ...doc(), meta: { ...doc().meta, reviewedBy: 'Someone Else' } })).toString('latin1');
    expect(other).not.toContain(id![1]);
  });
});
