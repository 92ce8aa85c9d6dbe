import { PDFDocument, PDFNumber, PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { signablePdf } from '../../test/support/signablePdf.ts';
import { appendUpdate } from './appendUpdate.ts';
import { lastStartXref, revisionEnds } from './readPdf.ts';

describe('the incremental update', () => {
  it('leaves the original bytes alone, chains to the previous xref, and writes 20-byte entries in subsections', async () => {
    const original = await signablePdf();
    const doc = await PDFDocument.load(original);
    const next = doc.context.largestObjectNumber + 1;
    const objects = [
      { ref: PDFRef.of(next + 1), object: PDFNumber.of(2) },
      { ref: PDFRef.of(next), object: PDFNumber.of(1) },
      { ref: PDFRef.of(1), object: doc.context.lookup(PDFRef.of(1))! },
    ];
    const updated = appendUpdate(original, objects, { root: doc.context.trailerInfo.Root as PDFRef, id: ['AB', 'CD'] });
    expect(Buffer.from(updated.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true);
    const tail = Buffer.from(updated.subarray(original.length)).toString('latin1');
    expect(tail).toMatch(new RegExp(`xref\\n1 1\\n\\d{10} 00000 n\\r\\n${next} 2\\n\\d{10} 00000 n\\r\\n\\d{10} 00000 n\\r\\ntrailer`));
    expect(tail).toContain(`/Prev ${lastStartXref(original)}`);
    expect(revisionEnds(updated)).toHaveLength(2);
    const reread = await PDFDocument.load(updated);
    expect(reread.context.lookup(PDFRef.of(next + 1))).toEqual(PDFNumber.of(2));
    // Each recorded offset points at its object.
    for (const m of tail.matchAll(/(\d{10}) 00000 n\r\n/g)) expect(Buffer.from(updated.subarray(Number(m[1]), Number(m[1]) + 12)).toString('latin1')).toMatch(/^\d+ 0 obj\n/);
  });
});
