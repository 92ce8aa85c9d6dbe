import { describe, expect, it } from 'vitest';
import { formatDate, formatList, formatPerson } from './format.ts';

describe('format', () => {
  it('prints month-only and full dates', () => {
    expect(formatDate('2024-09')).toBe('September 2024');
    expect(formatDate('2024-09-05')).toBe('5 September 2024');
  });

  it('prints people by name, post or both', () => {
    expect(formatPerson({ name: 'Keith Bridges' })).toBe('Keith Bridges');
    expect(formatPerson({ role: 'Head Teacher' }, true)).toBe('The Head Teacher');
    expect(formatPerson({ name: 'Adam Makepeace', role: 'Chair of Governors' })).toBe('Adam Makepeace (Chair of Governors)');
  });

  it('joins lists the British way', () => {
    expect(formatList(['staff'])).toBe('staff');
    expect(formatList(['staff', 'governors', 'pupils'])).toBe('staff, governors and pupils');
  });
});
