import { describe, expect, it } from 'vitest';
import { documentDate, ID_PLACEHOLDER, stampId } from './reproducible.ts';

const meta = { lastReviewed: { iso: '2024-09', text: 'September 2024' }, approvals: [{ date: { iso: '2024-10-03', text: '3 October 2024' }, approvedBy: 'FGB' }] };

describe('documentDate', () => {
  it('is the newest date of the policy, at midnight UTC', () => {
    expect(documentDate(meta).toISOString()).toBe('2024-10-03T00:00:00.000Z');
    expect(documentDate({ ...meta, approvals: [] }).toISOString()).toBe('2024-09-01T00:00:00.000Z');
  });

  it('is SOURCE_DATE_EPOCH when that is set', () => {
    expect(documentDate(meta, { SOURCE_DATE_EPOCH: '1700000000' }).toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(documentDate(meta, { SOURCE_DATE_EPOCH: 'soon' }).toISOString()).toBe('2024-10-03T00:00:00.000Z');
  });
});

describe('stampId', () => {
  const file = (body: string) => new TextEncoder().encode(`%PDF-1.7\n${body}\ntrailer\n<< /ID [ <${ID_PLACEHOLDER}> <${ID_PLACEHOLDER}> ] >>\n%%EOF`);

  it('replaces the placeholder with a digest of the file, keeping its length', () => {
    const stamped = new TextDecoder().decode(stampId(file('a')));
    const [, first, second] = /<([0-9A-F]{32})> <([0-9A-F]{32})>/.exec(stamped)!;
    expect(first).toBe(second);
    expect(first).not.toBe(ID_PLACEHOLDER);
    expect(stamped.length).toBe(file('a').length);
    expect(new TextDecoder().decode(stampId(file('a')))).toBe(stamped);
    expect(new TextDecoder().decode(stampId(file('b')))).not.toContain(first);
  });
});
