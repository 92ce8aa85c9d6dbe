import { describe, expect, it } from 'vitest';
import { policyStatus, policyVersion } from './policyStatus.ts';
import { signatoryId, signOffFieldNames } from './signOff.ts';
import type { Approval } from './types.ts';

const date = (iso: string) => ({ iso, text: iso });
const approval = (iso: string, version?: string): Approval => ({ date: date(iso), approvedBy: 'Full Governing Body', ...(version ? { version } : {}) });

describe('policyStatus', () => {
  it('is approved when the newest approval is on or after the last review', () => {
    expect(policyStatus({ lastReviewed: date('2024-09'), approvals: [approval('2023-10-05'), approval('2024-09-01')] })).toMatchObject({ status: 'approved', approval: { date: { iso: '2024-09-01' } } });
    expect(policyStatus({ lastReviewed: date('2024-09-12'), approvals: [approval('2024-10')] }).status).toBe('approved');
  });

  it('is a draft before its approval, naming the previous one', () => {
    expect(policyStatus({ lastReviewed: date('2024-09'), approvals: [approval('2023-10-05')] })).toMatchObject({ status: 'draft', previous: { date: { iso: '2023-10-05' } } });
    expect(policyStatus({ lastReviewed: date('2024-09'), approvals: [] })).toEqual({ status: 'draft' });
  });

  it('takes the version from the school, else the approval, else the review month', () => {
    const meta = { lastReviewed: date('2024-09-12'), approvals: [approval('2024-10-03', '3.0')] };
    expect(policyVersion({ ...meta, version: '3.1' })).toBe('3.1');
    expect(policyVersion(meta)).toBe('3.0');
    expect(policyVersion({ ...meta, approvals: [] })).toBe('2024-09');
  });
});

describe('sign-off field names', () => {
  it('are ASCII snake case from the post', () => {
    expect(signOffFieldNames('Chair of Governors')).toEqual({ signature: 'chair_of_governors_signature', name: 'chair_of_governors_name', date: 'chair_of_governors_date' });
    expect(signatoryId('Cadeirydd y Llywodraethwyr (Łukasz)')).toBe('cadeirydd_y_llywodraethwyr_lukasz');
    expect(signatoryId('Headteacher')).toBe('headteacher');
  });
});
