// PDF bookmarks (the outline): one per section, nested as the sections are, each opening its heading.

import { type PDFContext, PDFHexString, PDFName, PDFNumber, type PDFRef } from 'pdf-lib';
import type { Anchor, OutlineEntry } from '../layout/types.ts';
import { destination } from './annotations.ts';

export function writeOutline(context: PDFContext, entries: readonly OutlineEntry[], anchors: ReadonlyMap<string, Anchor>, pageRefs: readonly PDFRef[]): PDFRef {
  const rootRef = context.nextRef();
  const count = (list: readonly OutlineEntry[]): number => list.reduce((n, e) => n + 1 + count(e.children), 0);

  /** Writes a list of siblings under `parent`; returns their refs. All open, so every section shows. */
  const level = (list: readonly OutlineEntry[], parent: PDFRef): PDFRef[] => {
    const refs = list.map(() => context.nextRef());
    list.forEach((entry, i) => {
      const anchor = anchors.get(entry.anchor);
      if (!anchor) throw new Error(`no anchor "${entry.anchor}" for a bookmark`);
      const dict = context.obj({ Parent: parent, Dest: destination(context, anchor, pageRefs) });
      dict.set(PDFName.of('Title'), PDFHexString.fromText(entry.title));
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < list.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
      const kids = level(entry.children, refs[i]!);
      if (kids.length) {
        dict.set(PDFName.of('First'), kids[0]!);
        dict.set(PDFName.of('Last'), kids.at(-1)!);
        dict.set(PDFName.of('Count'), PDFNumber.of(count(entry.children)));
      }
      context.assign(refs[i]!, dict);
    });
    return refs;
  };
  const top = level(entries, rootRef);
  context.assign(rootRef, context.obj({ Type: 'Outlines', First: top[0]!, Last: top.at(-1)!, Count: count(entries) }));
  return rootRef;
}
