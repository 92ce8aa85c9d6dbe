import { describe, expect, it } from 'vitest';
import { reviewStatus } from './reviewStatus.ts';

describe('reviewStatus', () => {
  it('is in date when the review is more than 60 days away', () => {
    expect(reviewStatus('2025-09-30', '2025-07-31')).toMatchObject({ state: 'in-date', label: 'In date', daysLeft: 61 });
  });

  it('is due within 60 days up to and including the due day', () => {
    expect(reviewStatus('2025-09-30', '2025-08-01')).toMatchObject({ state: 'due-soon', label: 'Due within 60 days', daysLeft: 60 });
    expect(reviewStatus('2025-09-30', '2025-09-30')).toMatchObject({ state: 'due-soon', daysLeft: 0 });
  });

  it('is overdue the day after', () => {
    expect(reviewStatus('2025-09-30', '2025-10-01')).toMatchObject({ state: 'overdue', label: 'Overdue', daysLeft: -1 });
  });

  it('reads a month-only date as due by the end of that month', () => {
    expect(reviewStatus('2024-09', '2024-09-30').state).toBe('due-soon');
    expect(reviewStatus('2024-09', '2024-10-01').state).toBe('overdue');
    expect(reviewStatus('2024-02', '2024-02-29').daysLeft).toBe(0);
    expect(reviewStatus('2024-12', '2024-12-31').daysLeft).toBe(0);
  });
});
