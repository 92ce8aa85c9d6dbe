// Is a signed copy this year's policy? Its first revision against the PDF as built: the same bytes, the same words, or not.

import { readEmbeddedSource } from '../diff/embeddedSource.ts';
import { quietly, revisionEnds } from './readPdf.ts';

export type Sameness = 'identical' | 'same-wording' | 'different-wording' | 'not-comparable';

export interface OriginalComparison {
  sameness: Sameness;
  message: string;
}

/** The file as first written: up to its first `%%EOF` (with or without the end-of-line after it). */
export function firstRevisionCandidates(bytes: Uint8Array): Uint8Array[] {
  const end = revisionEnds(bytes)[0];
  if (end === undefined) return [bytes];
  let bare = end;
  while (bare > 0 && (bytes[bare - 1] === 0x0a || bytes[bare - 1] === 0x0d)) bare--;
  return bare === end ? [bytes.subarray(0, end)] : [bytes.subarray(0, bare), bytes.subarray(0, end)];
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/**
 * Wording is compared through the plain text each policy-press PDF carries
 * (src/diff/embeddedSource.ts), so a change of layout alone (a new typeface,
 * a wider margin) is told apart from a change of words.
 */
export async function compareWithOriginal(signed: Uint8Array, original: Uint8Array): Promise<OriginalComparison> {
  const candidates = firstRevisionCandidates(signed);
  if (candidates.some((c) => sameBytes(c, original))) return { sameness: 'identical', message: 'this signed copy is exactly the current policy' };
  const first = candidates.at(-1)!;
  const [then, now] = await Promise.all([quietly(() => readEmbeddedSource(first)).catch(() => undefined), quietly(() => readEmbeddedSource(original)).catch(() => undefined)]);
  if (!then || !now) {
    return {
      sameness: 'not-comparable',
      message: `the wording cannot be compared: ${!then ? 'the signed copy' : 'the current policy PDF'} carries no policy-press text`,
    };
  }
  return then.text === now.text
    ? { sameness: 'same-wording', message: 'same wording as the current policy; only the layout differs' }
    : { sameness: 'different-wording', message: 'the wording differs from the current policy' };
}
