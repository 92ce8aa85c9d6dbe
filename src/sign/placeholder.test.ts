import { describe, expect, it } from 'vitest';
import { pdfDate, signatureDictionary } from './placeholder.ts';
import { parsePdfDate } from './verifyPdf.ts';

describe('the signature dictionary', () => {
  it('has @signpdf placeholders, the PAdES sub-filter and the time in /M', () => {
    const text = Buffer.from(signatureDictionary({ time: new Date('2024-10-05T13:03:00Z'), name: 'Siân Ŵyn', contentsLength: 4, docMdp: 2 })).toString('latin1');
    expect(text).toContain('/SubFilter /ETSI.CAdES.detached');
    expect(text).toContain('/ByteRange [0 /********** /********** /**********]\n/Contents <00000000>');
    expect(text).toContain("/M (D:20241005130300+00'00')");
    expect(text).toContain('/TransformMethod /DocMDP');
    expect(text).toMatch(/\/Name <FEFF[0-9A-F]+>/);
    expect(parsePdfDate(pdfDate(new Date('2024-10-05T13:03:00Z')))?.toISOString()).toBe('2024-10-05T13:03:00.000Z');
    expect(parsePdfDate("D:20241005140300+01'00'")?.toISOString()).toBe('2024-10-05T13:03:00.000Z');
  });
});
