// Building blocks shared by the concept schemas: text fields and policy dates.

import { z } from 'zod';

/** A short piece of text such as a name or a system: shown exactly as typed. */
export const NameText = z.string().trim().min(1).max(200);

/** A phrase that completes a sentence of the template, e.g. "at least twice a year". */
export const PhraseText = z.string().trim().min(1).max(1000);

/** A whole clause written by the school. */
export const ClauseText = z.string().trim().min(1).max(5000);

const DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

/**
 * A review or approval date: `2024-09` when only the month is decided (printed
 * "September 2024"), or `2024-09-15` (printed "15 September 2024").
 */
export const PolicyDateSchema = z
  .string()
  .refine(isPolicyDate, {
    params: { code: 'INVALID_DATE' },
    message: 'is not a date in the form YYYY-MM or YYYY-MM-DD',
  })
  .meta({
    description: 'A date written YYYY-MM (month only) or YYYY-MM-DD.',
    examples: ['2024-09', '2024-09-15'],
  });

export function isPolicyDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : 1];
  if (month < 1 || month > 12 || day < 1) return false;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= lastDay;
}

/** Policy dates compare as text once a month-only date is read as the first of the month. */
export function comparableDate(value: string): string {
  return value.length === 7 ? `${value}-01` : value;
}
