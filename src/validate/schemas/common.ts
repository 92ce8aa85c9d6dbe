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
    message: 'is not a date written YYYY-MM or YYYY-MM-DD',
  })
  .meta({
    description: 'A date written YYYY-MM (month only) or YYYY-MM-DD.',
    examples: ['2024-09', '2024-09-15'],
  });

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function isPolicyDate(value: string): boolean {
  return DATE.test(value) && impossibleDate(value) === undefined;
}

/**
 * Why a value written as a date is no date ("there is no month 13", "February 2023 has 28 days"), so
 * the message says what to mend; undefined for a real date, or a value not in the form at all.
 */
export function impossibleDate(value: string): string | undefined {
  const m = DATE.exec(value);
  if (!m) return undefined;
  const [year, month] = [Number(m[1]), Number(m[2])];
  if (month < 1 || month > 12) return `there is no month ${m[2]}`;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = m[3] === undefined ? 1 : Number(m[3]);
  return day < 1 || day > lastDay ? `${MONTH_NAMES[month - 1]} ${year} has ${lastDay} days` : undefined;
}

/** Policy dates compare as text once a month-only date is read as the first of the month. */
export function comparableDate(value: string): string {
  return value.length === 7 ? `${value}-01` : value;
}
