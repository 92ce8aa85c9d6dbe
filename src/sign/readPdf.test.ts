import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { signablePdf } from '../../test/support/signablePdf.ts';
import { findSignatureFields } from './readPdf.ts';

describe('reading a PDF', () => {
  it('finds empty and signed fields through /Kids', async () => {
    const doc = await PDFDocument.load(await signablePdf());
    expect(findSignatureFields(doc).map((f) => [f.name, f.value === undefined])).toEqual([
      ['chair_of_governors_signature', true],
      ['headteacher_signature', true],
    ]);
  });
});

describe('quiet reads', () => {
  it('restore the console once overlapping reads are done', async () => {
    const { quietly } = await import('./readPdf.ts');
    const before = console.warn;
    await Promise.all([quietly(async () => console.warn('hidden')), quietly(() => new Promise((r) => setTimeout(r, 5)))]);
    expect(console.warn).toBe(before);
  });
});
