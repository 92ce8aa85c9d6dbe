// Whether this revision of the policy is approved, by which approval, and the version it carries.

import type { Approval, DocumentMeta } from './types.ts';

export type PolicyStatus = 'draft' | 'approved';

/** Month-only dates compare as the first of the month. */
const day = (iso: string) => (iso.length === 7 ? `${iso}-01` : iso);

export interface StatusInfo {
  status: PolicyStatus;
  /** The approval of this revision (when approved). */
  approval?: Approval;
  /** The newest approval of an earlier revision (when this one is a draft). */
  previous?: Approval;
}

/** Approved when the newest approval is on or after the last review: the governors saw this revision. */
export function policyStatus(meta: Pick<DocumentMeta, 'approvals' | 'lastReviewed'>): StatusInfo {
  const newest = meta.approvals.reduce<Approval | undefined>((best, a) => (!best || day(a.date.iso) >= day(best.date.iso) ? a : best), undefined);
  if (newest && day(newest.date.iso) >= day(meta.lastReviewed.iso)) return { status: 'approved', approval: newest };
  return { status: 'draft', ...(newest ? { previous: newest } : {}) };
}

/** The school's version label, else the version its approval names, else the review month (e.g. "2024-09"). */
export function policyVersion(meta: Pick<DocumentMeta, 'approvals' | 'lastReviewed' | 'version'>): string {
  return meta.version ?? policyStatus(meta).approval?.version ?? meta.lastReviewed.iso.slice(0, 7);
}
