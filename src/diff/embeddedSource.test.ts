import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../tree/types.ts';
import { stringify } from 'yaml';
import { ATTACHMENTS, looksLikePdf, readEmbeddedSource, sourceAttachments } from './embeddedSource.ts';

const doc: PolicyDocument = {
  type: 'document',
  slug: 'oak',
  meta: { schoolName: 'Oak – Ysgol Dŵr', family: 'lgfl-e-security', title: 'E-Security Policy', lastReviewed: { iso: '2024-09', text: 'September 2024' }, nextReview: { iso: '2025-09', text: 'September 2025' }, reviewedBy: 'Łukasz', approvals: [] },
  children: [{ type: 'section', id: 'a', depth: 1, title: 'A', children: [{ type: 'paragraph', id: 'p', children: [{ type: 'text', value: 'Hello' }] }] }],
};

async function pdfWith(attach: boolean): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage();
  if (attach) for (const a of sourceAttachments(doc, { lockout_minutes: 5, school: { name: 'Oak' } }, 'E-Security Policy\nOak\n')) await pdf.attach(a.bytes, a.name, { mimeType: a.mimeType, description: a.description });
  return pdf.save();
}

describe('embedded source', () => {
  it('round-trips the text, data and tree through a PDF', async () => {
    const source = await readEmbeddedSource(await pdfWith(true));
    expect(source?.text).toBe('E-Security Policy\nOak\n');
    expect(source?.data).toEqual({ lockout_minutes: 5, school: { name: 'Oak' } });
    expect(source?.tree).toEqual(doc);
  });

  it('reads the data of copies made before it was written in YAML’s JSON form', async () => {
    const data = { lockout_minutes: 5, school: { name: 'Oak: “Ysgol Dŵr”' }, systems: ['MIS', 'Email'] };
    const pdf = await PDFDocument.create();
    pdf.addPage();
    for (const a of sourceAttachments(doc, data, 'text\n')) {
      const bytes = a.name === ATTACHMENTS.data ? new TextEncoder().encode(stringify(data)) : a.bytes;
      await pdf.attach(bytes, a.name, { mimeType: a.mimeType, description: a.description });
    }
    expect((await readEmbeddedSource(await pdf.save()))?.data).toEqual(data);
    expect(new TextDecoder().decode(sourceAttachments(doc, data, '').find((a) => a.name === ATTACHMENTS.data)!.bytes)).toBe(`${JSON.stringify(data, null, 2)}\n`);
  });

  it('says when a PDF has none', async () => {
    const bytes = await pdfWith(false);
    expect(looksLikePdf(bytes)).toBe(true);
    expect(await readEmbeddedSource(bytes)).toBeUndefined();
  });
});
