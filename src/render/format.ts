// How data values read inside a sentence: dates, people, lists.

import type { Person } from '../validate/schemas/PersonSchema.ts';
import type { PolicyDate } from '../tree/types.ts';
import { MONTH_NAMES as MONTHS } from '../validate/schemas/common.ts';

/** "2024-09" → "September 2024"; "2024-09-05" → "5 September 2024". No Intl, so output never depends on the ICU build. */
export function formatDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  const name = MONTHS[Number(month) - 1] ?? month;
  return day ? `${Number(day)} ${name} ${year}` : `${name} ${year}`;
}

export function policyDate(iso: string): PolicyDate {
  return { iso, text: formatDate(iso) };
}

/** "Keith Bridges", "the Head Teacher", "Adam Makepeace (Chair of Governors)". */
export function formatPerson(person: Person, capitalise = false): string {
  if (person.name && person.role) return `${person.name} (${person.role})`;
  if (person.name) return person.name;
  return `${capitalise ? 'The' : 'the'} ${person.role}`;
}

/** British style, no serial comma: "staff, governors and pupils". */
export function formatList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
