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
