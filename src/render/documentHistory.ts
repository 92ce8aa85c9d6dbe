// The document-history section: every governors' approval in the school's data, as a table.

import type { Approval, Section } from '../tree/types.ts';

export const DOCUMENT_HISTORY_ID = 'document-history';

export function documentHistory(approvals: readonly Approval[]): Section | undefined {
  if (approvals.length === 0) return undefined;
  const cell = (value: string) => [{ type: 'text' as const, value }];
  return {
    type: 'section',
    id: DOCUMENT_HISTORY_ID,
    depth: 1,
    title: 'Document history',
    children: [
      {
        type: 'table',
        id: 'document-history-table',
        caption: "Versions of this policy approved by governors",
        columns: ['Version', 'Date', 'Approved by', 'Summary'],
        groups: [{ rows: approvals.map((a) => ({ cells: [cell(a.version ?? '–'), cell(a.date.text), cell(a.minuteRef ? `${a.approvedBy} (minute ${a.minuteRef})` : a.approvedBy), cell(a.summary ?? '–')] })) }],
      },
    ],
  };
}
