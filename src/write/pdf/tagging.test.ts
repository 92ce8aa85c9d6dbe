import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { stressDocument } from '../../../test/support/stressDocument.ts';
import { writePdf } from './writePdf.ts';

let pdf: PDFDocument;

beforeAll(async () => {
  pdf = await PDFDocument.load(await writePdf(stressDocument()), { updateMetadata: false });
});

const lookupDict = (value: unknown): PDFDict => (value instanceof PDFRef ? pdf.context.lookup(value, PDFDict) : (value as PDFDict));
const num = (dict: PDFDict, key: string) => (dict.get(PDFName.of(key)) as PDFNumber).asNumber();

/** The MCIDs a page's content stream opens, in order. */
function mcidsOnPage(page: PDFDict): number[] {
  const stream = pdf.context.lookup(page.get(PDFName.of('Contents'))) as PDFRawStream;
  const text = Buffer.from(inflateSync(stream.getContents())).toString('latin1');
  return [...text.matchAll(/<<\/MCID (\d+)>> BDC/g)].map((m) => Number(m[1]));
}

/** A structure element's kids: elements and content references as dictionaries, bare MCIDs as numbers. */
function kidsOf(element: PDFDict): (PDFDict | number)[] {
  const k = element.get(PDFName.of('K'));
  const list = k instanceof PDFArray ? k.asArray() : k ? [k] : [];
  return list.map((kid) => (kid instanceof PDFNumber ? kid.asNumber() : lookupDict(kid)));
}

/** Whether `element` claims marked content `mcid` on `page`: a bare MCID on its own /Pg, or an MCR naming the page. */
function claims(element: PDFDict, mcid: number, page: PDFRef): boolean {
  return kidsOf(element).some((kid) =>
    typeof kid === 'number' ? kid === mcid && element.get(PDFName.of('Pg')) === page : kid.get(PDFName.of('Type')) === PDFName.of('MCR') && num(kid, 'MCID') === mcid && kid.get(PDFName.of('Pg')) === page,
  );
}

describe('the structure tree', () => {
  it('numbers marked content 0, 1, 2 … on each page', () => {
    for (const page of pdf.getPages()) {
      const mcids = mcidsOnPage(page.node);
      expect(mcids).toEqual(mcids.map((_, i) => i));
    }
  });

  it('maps every MCID of every page, through the ParentTree, to the element that claims it', () => {
    const root = lookupDict(pdf.catalog.get(PDFName.of('StructTreeRoot')));
    const nums = lookupDict(root.get(PDFName.of('ParentTree'))).lookup(PDFName.of('Nums'), PDFArray);
    const entries = new Map<number, unknown>();
    for (let i = 0; i < nums.size(); i += 2) entries.set((nums.get(i) as PDFNumber).asNumber(), nums.get(i + 1));
    pdf.getPages().forEach((page) => {
      const owners = entries.get(num(page.node, 'StructParents')) as PDFArray;
      const mcids = mcidsOnPage(page.node);
      expect(owners.size()).toBe(mcids.length);
      mcids.forEach((mcid) => {
        const owner = lookupDict(owners.get(mcid));
        expect(claims(owner, mcid, page.ref), `page ${page.ref.toString()} MCID ${mcid}`).toBe(true);
      });
    });
    expect(num(root, 'ParentTreeNextKey')).toBe(Math.max(...entries.keys()) + 1);
  });

  it('ties every link and form field to the element that holds it', () => {
    const root = lookupDict(pdf.catalog.get(PDFName.of('StructTreeRoot')));
    const nums = lookupDict(root.get(PDFName.of('ParentTree'))).lookup(PDFName.of('Nums'), PDFArray);
    const owner = (key: number) => {
      for (let i = 0; i < nums.size(); i += 2) if ((nums.get(i) as PDFNumber).asNumber() === key) return lookupDict(nums.get(i + 1));
      throw new Error(`no ParentTree entry ${key}`);
    };
    let annotations = 0;
    for (const page of pdf.getPages()) {
      const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
      for (const ref of annots?.asArray() ?? []) {
        const annot = lookupDict(ref);
        const element = owner(num(annot, 'StructParent'));
        const role = (element.get(PDFName.of('S')) as PDFName).decodeText();
        expect(['Link', 'Form']).toContain(role);
        expect(kidsOf(element).some((kid) => typeof kid !== 'number' && kid.get(PDFName.of('Type')) === PDFName.of('OBJR') && kid.get(PDFName.of('Obj')) === ref)).toBe(true);
        annotations++;
      }
    }
    expect(annotations).toBeGreaterThan(20);
  });

  it('marks the document as tagged, in British English', () => {
    expect(lookupDict(pdf.catalog.get(PDFName.of('MarkInfo'))).get(PDFName.of('Marked'))?.toString()).toBe('true');
    expect(pdf.catalog.get(PDFName.of('Lang'))?.toString()).toBe('(en-GB)');
  });
});
