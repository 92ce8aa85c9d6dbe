// What makes a rebuild byte-identical: the date comes from the policy (or SOURCE_DATE_EPOCH), the /ID from the bytes.

import { createHash } from 'node:crypto';
import type { DocumentMeta } from '../../tree/types.ts';

/** Midnight UTC of a policy date ("2024-09" is the 1st). */
function dayOf(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d ?? 1));
}

/**
 * The date the PDF states as created and modified: SOURCE_DATE_EPOCH when set
 * (reproducible-builds.org), else the newest date in the policy itself — the
 * last review or the latest approval — never the clock.
 */
export function documentDate(meta: Pick<DocumentMeta, 'lastReviewed' | 'approvals'>, env: { SOURCE_DATE_EPOCH?: string | undefined } = {}): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  const dates = [meta.lastReviewed.iso, ...meta.approvals.map((a) => a.date.iso)].map(dayOf);
  return new Date(Math.max(...dates.map((d) => d.getTime())));
}

/** 32 hex digits of zeros: the /ID written first, then replaced by the digest of the file. */
export const ID_PLACEHOLDER = '0'.repeat(32);

/**
 * Replaces the placeholder /ID in the trailer with the first 128 bits of the
 * SHA-256 of the file as written with the placeholder. Same length, and the
 * trailer comes after every offset the cross-reference table records, so the
 * file stays valid; the same content always gets the same /ID.
 */
export function stampId(bytes: Uint8Array): Uint8Array {
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 32).toUpperCase();
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const trailer = text.lastIndexOf('trailer');
  const at = text.indexOf(`<${ID_PLACEHOLDER}>`, trailer);
  if (trailer < 0 || at < 0) throw new Error('the PDF has no placeholder /ID in its trailer');
  const out = new Uint8Array(bytes);
  for (const start of [at, text.indexOf(`<${ID_PLACEHOLDER}>`, at + 1)]) {
    if (start < 0) throw new Error('the PDF trailer /ID should have two entries');
    out.set(Buffer.from(digest, 'latin1'), start + 1);
  }
  return out;
}
