// Do a signed copy's pages still show what was built? Its newest revision's pages against its first's.

import { PDFArray, PDFDict, type PDFDocument, PDFName, PDFNumber, type PDFObject, PDFRawStream, PDFRef } from 'pdf-lib';

/**
 * The pages (numbered from 1) that the newest revision draws differently from the first: their content,
 * resources or annotations. Signing and filling in fields are the only changes the later revisions may
 * make (an appended update can redefine any object, so a page changed after the build and then signed
 * over would still pass every signature check, and the first revision would still be "the current
 * policy"). Allowed: a field's value and appearance (/V, /AP, /AS of a widget, and its field), and an
 * added signature widget that draws nothing (the issuer's seal: hidden, with an empty rectangle).
 * A different number of pages changes them all from the first that differs.
 *
 * pdf-lib has no comparison of objects across documents, so this walks both.
 */
export function changedPages(first: PDFDocument, newest: PDFDocument): number[] {
  const before = first.getPages();
  const after = newest.getPages();
  const changed: number[] = [];
  const same = new Comparison(first, newest);
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    const a = before[i];
    const b = after[i];
    if (!a || !b || !same.page(a.node, b.node)) changed.push(i + 1);
  }
  return changed;
}

/** A page's attributes it may take from the page tree above it (ISO 32000-1, 7.7.3.4). */
const INHERITED = ['Resources', 'MediaBox', 'CropBox', 'Rotate'];

function inheritedValue(page: PDFDict, key: string): PDFObject | undefined {
  for (let node: PDFDict | undefined = page, depth = 0; node && depth < 64; node = node.lookupMaybe(PDFName.of('Parent'), PDFDict), depth++) {
    const value = node.get(PDFName.of(key));
    if (value !== undefined) return value;
  }
  return undefined;
}

/** A widget's keys that signing or filling in its field may change. */
const FIELD_VALUE_KEYS = new Set(['V', 'AP', 'AS', 'Parent']);

class Comparison {
  /** Pairs of objects already compared (or being compared: a cycle is taken as equal, and decided where it started). */
  private readonly seen = new Set<string>();

  private readonly a: PDFDocument;
  private readonly b: PDFDocument;
  /** Each page's place, by its reference: a link or a widget that names a page names its place. */
  private readonly placesA: Map<string, number>;
  private readonly placesB: Map<string, number>;

  constructor(a: PDFDocument, b: PDFDocument) {
    this.a = a;
    this.b = b;
    this.placesA = new Map(a.getPages().map((p, i) => [p.ref.tag, i]));
    this.placesB = new Map(b.getPages().map((p, i) => [p.ref.tag, i]));
  }

  page(a: PDFDict, b: PDFDict): boolean {
    // What a page inherits from the page tree counts as the page's own.
    const inherited = INHERITED.every((key) => this.objects(inheritedValue(a, key), inheritedValue(b, key)));
    return inherited && this.dicts(a, b, new Set(['Parent', 'Annots', ...INHERITED])) && this.annotations(a, b);
  }

  private annotations(pageA: PDFDict, pageB: PDFDict): boolean {
    const listA = pageA.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? [];
    const listB = pageB.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? [];
    const resolvedA = listA.map((o) => this.a.context.lookup(o));
    let matched = 0;
    for (const item of listB) {
      const annotB = this.b.context.lookup(item);
      const annotA = matched < resolvedA.length ? resolvedA[matched] : undefined;
      if (annotA instanceof PDFDict && annotB instanceof PDFDict && this.annotation(annotA, annotB)) {
        matched++;
        continue;
      }
      if (annotB instanceof PDFDict && drawsNothing(annotB)) continue;
      return false;
    }
    return matched === resolvedA.length;
  }

  private annotation(a: PDFDict, b: PDFDict): boolean {
    const widget = a.get(PDFName.of('Subtype'))?.toString() === '/Widget';
    return this.dicts(a, b, new Set(widget ? [...FIELD_VALUE_KEYS, 'P'] : ['P']));
  }

  private dicts(a: PDFDict, b: PDFDict, skip: ReadonlySet<string> = new Set()): boolean {
    const keysA = a.keys().map((k) => k.decodeText()).filter((k) => !skip.has(k));
    const keysB = b.keys().map((k) => k.decodeText()).filter((k) => !skip.has(k));
    if (keysA.length !== keysB.length || keysA.some((k) => !keysB.includes(k))) return false;
    return keysA.every((k) => this.objects(a.get(PDFName.of(k)), b.get(PDFName.of(k))));
  }

  private objects(rawA: PDFObject | undefined, rawB: PDFObject | undefined): boolean {
    if (rawA instanceof PDFRef && rawB instanceof PDFRef) {
      const pageA = this.placesA.get(rawA.tag);
      const pageB = this.placesB.get(rawB.tag);
      // A page named from elsewhere is compared as a page, where it is.
      if (pageA !== undefined || pageB !== undefined) return pageA === pageB;
      const pair = `${rawA.tag}|${rawB.tag}`;
      if (this.seen.has(pair)) return true;
      this.seen.add(pair);
    }
    const a = rawA instanceof PDFRef ? this.a.context.lookup(rawA) : rawA;
    const b = rawB instanceof PDFRef ? this.b.context.lookup(rawB) : rawB;
    if (a === undefined || b === undefined) return a === b;
    if (a instanceof PDFRawStream || b instanceof PDFRawStream) {
      return a instanceof PDFRawStream && b instanceof PDFRawStream && this.dicts(a.dict, b.dict) && Buffer.from(a.contents).equals(Buffer.from(b.contents));
    }
    if (a instanceof PDFDict || b instanceof PDFDict) return a instanceof PDFDict && b instanceof PDFDict && this.dicts(a, b);
    if (a instanceof PDFArray || b instanceof PDFArray) {
      return a instanceof PDFArray && b instanceof PDFArray && a.size() === b.size() && a.asArray().every((item, i) => this.objects(item, b.get(i)));
    }
    return a.toString() === b.toString();
  }
}

/** A signature widget that shows nothing: hidden (flag 2), or with a rectangle of no area (or none a viewer could draw). */
function drawsNothing(annot: PDFDict): boolean {
  const field = annot.has(PDFName.of('FT')) ? annot : annot.lookupMaybe(PDFName.of('Parent'), PDFDict);
  if (field?.get(PDFName.of('FT'))?.toString() !== '/Sig') return false;
  const hidden = ((annot.lookupMaybe(PDFName.of('F'), PDFNumber)?.asNumber() ?? 0) & 2) !== 0;
  return hidden || area(annot.lookupMaybe(PDFName.of('Rect'), PDFArray)) === 0;
}

function area(rect: PDFArray | undefined): number {
  try {
    const box = rect?.asRectangle();
    return box ? Math.abs(box.width * box.height) : 0;
  } catch {
    return 0; // not four numbers
  }
}
