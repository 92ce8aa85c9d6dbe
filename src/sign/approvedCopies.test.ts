import { describe, expect, it } from 'vitest';
import { type Approval, type ApprovedCopy, approvalSentence } from './approvedCopies.ts';

describe('the approval sentence', () => {
  const copy = (over: Partial<ApprovedCopy>): ApprovedCopy => ({
    file: 'approved/x/2024-10-05.pdf',
    date: '2024-10-05',
    sha256: 'ab',
    matches: true,
    bytes: new Uint8Array(),
    signers: [
      { name: 'Jane Smith', role: 'Chair of Governors', date: '2024-10-05' },
      { name: 'Sam Patel', role: 'Headteacher', date: '2024-10-07' },
    ],
    ...over,
  });
  it('names who signed when the wording is current, else says since when it has changed', () => {
    const current = copy({});
    expect(approvalSentence({ current, latest: current })).toBe('Approved and signed by Jane Smith, Chair of Governors, on 5 October 2024; and by Sam Patel, Headteacher, on 7 October 2024');
    const changed: Approval = { latest: copy({ matches: false, date: '2025-10-01' }) };
    expect(approvalSentence(changed)).toBe('Changed since governors approved it on 1 October 2025');
    expect(approvalSentence({})).toBeUndefined();
  });
});
