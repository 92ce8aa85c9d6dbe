// An incremental update (ISO 32000-1, 7.5.6): new and changed objects, their cross-reference section and a trailer with /Prev, after the untouched original bytes.

import { type PDFObject, PDFRef } from 'pdf-lib';
import { lastStartXref, lastTrailerSize } from './readPdf.ts';

/** An object to write: a pdf-lib object, or its exact bytes (the signature dictionary's placeholder needs exact text). */
export interface UpdatedObject {
  ref: PDFRef;
  object: PDFObject | Uint8Array;
}

export interface UpdateTrailer {
  root: PDFRef;
  info?: PDFRef;
  /** The file identifier: the first part stays as first written; the second changes with each update. */
  id?: [string, string];
}

const latin1 = (s: string) => Buffer.from(s, 'latin1');

function objectBytes(object: PDFObject | Uint8Array): Uint8Array {
  if (object instanceof Uint8Array) return object;
  const out = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(out, 0);
  return out;
}

/**
 * Returns `original` followed by the update. The original bytes are never
 * changed, so every signature over them stays valid. Cross-reference entries
 * are 20 bytes each, as the table format requires.
 */
export function appendUpdate(original: Uint8Array, objects: readonly UpdatedObject[], trailer: UpdateTrailer): Uint8Array {
  const prev = lastStartXref(original);
  if (prev === undefined) throw new Error('the PDF has no startxref to chain the update to');
  const chunks: Uint8Array[] = [original];
  let offset = original.byteLength;
  const push = (bytes: Uint8Array) => {
    chunks.push(bytes);
    offset += bytes.byteLength;
  };
  // The update starts on a line of its own, whatever the original ends with.
  const last = original[original.byteLength - 1];
  if (last !== 0x0a && last !== 0x0d) push(latin1('\n'));

  const offsets = new Map<number, { generation: number; offset: number }>();
  const sorted = [...objects].sort((a, b) => a.ref.objectNumber - b.ref.objectNumber);
  for (const { ref, object } of sorted) {
    if (offsets.has(ref.objectNumber)) throw new Error(`object ${ref.objectNumber} is written twice in one update`);
    offsets.set(ref.objectNumber, { generation: ref.generationNumber, offset });
    push(latin1(`${ref.objectNumber} ${ref.generationNumber} obj\n`));
    push(objectBytes(object));
    push(latin1('\nendobj\n'));
  }

  const xrefOffset = offset;
  let table = 'xref\n';
  const numbers = [...offsets.keys()];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    table += `${numbers[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) {
      const entry = offsets.get(numbers[k]!)!;
      table += `${String(entry.offset).padStart(10, '0')} ${String(entry.generation).padStart(5, '0')} n\r\n`;
    }
    i = j + 1;
  }
  const size = Math.max(lastTrailerSize(original) ?? 0, (numbers.at(-1) ?? 0) + 1);
  const entries = [`/Size ${size}`, `/Root ${trailer.root}`];
  if (trailer.info) entries.push(`/Info ${trailer.info}`);
  if (trailer.id) entries.push(`/ID [<${trailer.id[0]}> <${trailer.id[1]}>]`);
  entries.push(`/Prev ${prev}`);
  table += `trailer\n<<\n${entries.join('\n')}\n>>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  push(latin1(table));
  return Buffer.concat(chunks);
}

/** The refs pdf-lib allocated after parsing: objects new in this update. */
export function newRefs(allocated: Iterable<PDFRef>, largestBefore: number): PDFRef[] {
  return [...allocated].filter((ref) => ref instanceof PDFRef && ref.objectNumber > largestBefore);
}
