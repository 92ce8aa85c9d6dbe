// The helpers templates may call. Anything else is a TEMPLATE_UNKNOWN_HELPER error at check time.

import type { HelperOptions } from 'handlebars';
import type { Person } from '../validate/schemas/PersonSchema.ts';
import { formatDate, formatList, formatPerson } from './format.ts';

export interface HelperSpec {
  /** Number of positional arguments. */
  arity: number;
  /** What it returns: text is printed, a boolean only steers {{#if}}. */
  returns: 'text' | 'boolean';
  /** Which kind of field each argument must be ('any' for literals or scalars). */
  args: ('person' | 'list' | 'date' | 'any')[];
  fn: (...args: unknown[]) => unknown;
  doc: string;
}

export const HELPERS: Record<string, HelperSpec> = {
  person: { arity: 1, returns: 'text', args: ['person'], fn: (p) => formatPerson(p as Person), doc: '"Keith Bridges", "the Head Teacher"' },
  Person: { arity: 1, returns: 'text', args: ['person'], fn: (p) => formatPerson(p as Person, true), doc: 'as person, capitalised for the start of a sentence' },
  list: { arity: 1, returns: 'text', args: ['list'], fn: (l) => formatList((l as unknown[]).map(String)), doc: '"staff, governors and pupils"' },
  date: { arity: 1, returns: 'text', args: ['date'], fn: (d) => formatDate(String(d)), doc: '"September 2024"' },
  minutes: { arity: 1, returns: 'text', args: ['any'], fn: (n) => `${String(n)} minute${n === 1 ? '' : 's'}`, doc: '"10 minutes", "1 minute"' },
  words: { arity: 1, returns: 'text', args: ['any'], fn: (n) => numberInWords(n), doc: '"six" for 6 (whole numbers up to twenty; larger ones as digits)' },
  eq: { arity: 2, returns: 'boolean', args: ['any', 'any'], fn: (a, b) => a === b, doc: 'true when both are equal' },
  includes: { arity: 2, returns: 'boolean', args: ['list', 'any'], fn: (l, v) => Array.isArray(l) && l.includes(v), doc: 'true when the list holds the value' },
  only: { arity: 2, returns: 'boolean', args: ['list', 'any'], fn: (l, v) => Array.isArray(l) && l.length === 1 && l[0] === v, doc: 'true when the list holds just that value' },
};

const SMALL_NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];

/** Style guides spell out small numbers in prose: "a minimum of six characters". */
export function numberInWords(n: unknown): string {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < SMALL_NUMBERS.length ? SMALL_NUMBERS[n]! : String(n);
}

/** Handlebars passes its options object last; strip it before calling a helper. */
export function handlebarsHelpers(): Record<string, (...args: unknown[]) => unknown> {
  return Object.fromEntries(
    Object.entries(HELPERS).map(([name, spec]) => [
      name,
      (...args: unknown[]) => spec.fn(...(args.slice(0, -1) as [unknown, ...unknown[]]), args.at(-1) as HelperOptions),
    ]),
  );
}
