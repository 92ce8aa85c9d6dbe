// A two-column table whose first cell heads each row: the shape of every "details" box in a policy.

import type { Approval, Table } from './types.ts';

export function keyValueTable(id: string, caption: string, rows: readonly (readonly [label: string, value: string])[]): Table {
  return {
    type: 'table',
    id,
    caption,
    columns: ['Detail', 'Value'],
    rowHeaders: true,
    groups: [{ rows: rows.map(([label, value]) => ({ cells: [[{ type: 'text', value: label }], [{ type: 'text', value }]] })) }],
  };
}

/** "5 October 2023 by Full Governing Body (minute FGB 2023/14)". */
export function approvalText(a: Approval): string {
  return `${a.date.text} by ${a.approvedBy}${a.minuteRef ? ` (minute ${a.minuteRef})` : ''}`;
}
