import { describe, expect, it } from 'vitest';
import type { Table } from '../../../tree/types.ts';
import { createFontMetrics } from '../metrics.ts';
import { Flow } from './Flow.ts';
import { layoutTable } from './layoutTable.ts';
import type { StructElem } from './types.ts';

const metrics = createFontMetrics();
const table: Table = {
  type: 'table',
  id: 'review-details',
  caption: 'Policy details',
  columns: ['Field', 'Value'],
  rowHeaders: true,
  groups: [{ rows: [{ cells: [[{ type: 'text', value: 'Name of school' }], [{ type: 'text', value: 'Ashmole Primary' }]] }] }],
};

/** A fresh flow, and the height the table asks to have room for before it starts (Flow.ensure's first call). */
function start(captionShown: boolean, room?: (needed: number) => number): { flow: Flow; needed: number } {
  const flow = new Flow(0, { anchors: new Map(), counters: { mark: 0, annotation: 0 } });
  let needed = -1;
  const ensure = flow.ensure.bind(flow);
  flow.ensure = (height) => {
    if (needed < 0) {
      needed = height;
      // Room for exactly what was asked, and a point more: not a new page.
      if (room) flow.y = flow.bottom + room(height);
    }
    ensure(height);
  };
  // Not at the top of the page, where ensure never breaks.
  flow.y -= 1;
  let id = 0;
  layoutTable(table, { role: 'Sect', kids: [] } satisfies StructElem, { flow, metrics, nextLinkId: () => id++ }, { captionShown });
  return { flow, needed };
}

describe('layoutTable', () => {
  it('asks for room for its caption only when it draws one, and as much as the caption takes', () => {
    const shown = start(true);
    const hidden = start(false);
    // Drawn from the same place on a fresh page, the tables differ by the caption (and the gap under it).
    const drawn = (s: { flow: Flow }) => s.flow.top - 1 - s.flow.y;
    expect(drawn(shown) - drawn(hidden)).toBeGreaterThan(10);
    expect(shown.needed - hidden.needed).toBe(drawn(shown) - drawn(hidden));
  });

  it('starts on the page where what it asked room for fits', () => {
    for (const captionShown of [true, false]) {
      expect(start(captionShown, (needed) => needed + 0.5).flow.pages, `caption shown: ${captionShown}`).toHaveLength(1);
      expect(start(captionShown, (needed) => needed - 0.5).flow.pages, `caption shown: ${captionShown}`).toHaveLength(2);
    }
  });
});
