import { describe, expect, it } from 'vitest';
import { summariseDataChanges } from './summariseDataChanges.ts';

describe('summariseDataChanges', () => {
  it('says changes in plain English, known fields first', () => {
    const before = { lockout_minutes: 5, people: { dpo: { name: 'Keith Bridges' } }, backup: { provider: 'LGfL GridStore' }, cctv: { access: 'the Head Teacher' } };
    const after = { lockout_minutes: 10, people: { dpo: { name: 'Jane Doe' } }, backup: { provider: 'RedStor' }, cctv: { access: 'the Head Teacher and the site manager' }, systems: { storage: 'OneDrive' } };
    expect(summariseDataChanges(before, after).map((c) => c.text)).toEqual([
      'Data Protection Officer: Keith Bridges → Jane Doe',
      'Screen lock-out: 5 → 10 minutes',
      'Back-up provider: LGfL GridStore → RedStor',
      'Online storage: OneDrive (added)',
      'Who can see CCTV recordings: the Head Teacher → the Head Teacher and the site manager',
    ]);
  });

  it('labels unknown fields by their path and ignores clause changes', () => {
    const changes = summariseDataChanges({ school: { sites: ['A'] }, clauses: { omit: ['x'] } }, { school: { sites: ['A', 'B'] } });
    expect(changes.map((c) => c.text)).toEqual(['School sites: A → A and B']);
  });
});
