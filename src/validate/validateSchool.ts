// Loaded school data → typed School, checked against the schemas and the rules the seeds state in prose.

import type { Diagnostic } from '../diagnostics/index.ts';
import type { LoadedSchool } from '../load/loadSchoolFile.ts';
import { contrastRatio, darkenToContrast, MIN_TEXT_CONTRAST } from './contrast.ts';
import { comparableDate } from './schemas/common.ts';
import type { Person } from './schemas/PersonSchema.ts';
import { HEX_COLOUR } from './schemas/SchoolSchema.ts';
import { type SchoolData, SchoolFileSchema } from './schemas/SchoolFileSchema.ts';
import { type FamilyRequirement, issueToDiagnostics, type Locator, locate } from './toDiagnostics.ts';

export interface School {
  slug: string;
  file: string;
  data: SchoolData;
  locator: Locator;
}

/** Above this the model policy's "lock-out after idle time" protects little. */
export const LOCKOUT_WARN_ABOVE = 15;

/** `requirement`: the fields the school's template family requires besides the schema's, named in hints. */
export function validateSchool(loaded: LoadedSchool, requirement?: FamilyRequirement): { value: School | undefined; diagnostics: Diagnostic[] } {
  const locator: Locator = { locations: loaded.locations, file: loaded.file, fileOf: loaded.fileOf };
  const parsed = SchoolFileSchema.safeParse(loaded.data);
  const diagnostics = parsed.success ? [] : parsed.error.issues.flatMap((issue) => issueToDiagnostics(issue, { ...locator, sources: loaded.sources }, loaded.data, requirement));
  // The rules look at the raw data so they are reported even when unrelated fields are wrong.
  diagnostics.push(...checkRules(loaded.data as Partial<SchoolData>, locator));
  const todos = findTodos(loaded.data, locator);
  if (todos.length) {
    // A TODO from \`policy-press new\` says more than "expected a number, found the text TODO".
    const at = new Set(todos.map((d) => `${d.file}:${d.line}:${d.column}`));
    return { value: undefined, diagnostics: [...todos, ...diagnostics.filter((d) => !at.has(`${d.file}:${d.line}:${d.column}`))] };
  }
  return {
    value: parsed.success ? { slug: loaded.slug, file: loaded.file, data: parsed.data, locator } : undefined,
    diagnostics,
  };
}

function checkRules(data: Partial<SchoolData>, locator: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const inherited = (d: Diagnostic): Diagnostic =>
    d.file !== locator.file ? { ...d, message: `${d.message} (inherited from ${d.file})` } : d;

  const siro = data.people?.siro;
  const dpo = data.people?.dpo;
  if (isPerson(siro) && isPerson(dpo) && samePerson(siro, dpo)) {
    out.push(
      inherited({
        code: 'DPO_IS_SIRO',
        severity: 'error',
        message: `the Data Protection Officer (${show(dpo)}) is also the Senior Information Risk Owner; the two roles must be held by different people`,
        hint: 'name a different DPO (many schools use their local authority or trust DPO service), or a different SIRO',
        ...locate(locator, ['people', 'dpo'], 'key'),
      }),
    );
  }

  const review = data.review;
  if (review && typeof review.last_reviewed === 'string' && typeof review.next_review === 'string') {
    const last = comparableDate(review.last_reviewed);
    const next = comparableDate(review.next_review);
    if (/^\d{4}-\d{2}-\d{2}$/.test(last) && /^\d{4}-\d{2}-\d{2}$/.test(next) && next <= last) {
      out.push(
        inherited({
          code: 'REVIEW_DATES_ORDER',
          severity: 'error',
          message: `the next review (${review.next_review}) is not after the last review (${review.last_reviewed})`,
          hint: 'set `next_review` to a later date, usually a year after `last_reviewed`',
          ...locate(locator, ['review', 'next_review']),
        }),
      );
    }
  }

  // The web page sets the school's name in white on this colour.
  const accent = typeof data.school?.accent_colour === 'string' ? data.school.accent_colour.trim() : undefined;
  if (accent && HEX_COLOUR.test(accent) && contrastRatio(accent, '#ffffff') < MIN_TEXT_CONTRAST) {
    out.push(
      inherited({
        code: 'ACCENT_LOW_CONTRAST',
        severity: 'error',
        message: `white text on the accent colour ${accent} has a contrast ratio of ${contrastRatio(accent, '#ffffff').toFixed(2)}:1; it needs at least ${MIN_TEXT_CONTRAST}:1 to be readable`,
        hint: `choose a darker colour, e.g. "${darkenToContrast(accent)}" (the same hue, just dark enough)`,
        ...locate(locator, ['school', 'accent_colour']),
      }),
    );
  }

  const lockout = data.lockout_minutes;
  if (typeof lockout === 'number' && Number.isInteger(lockout) && lockout > LOCKOUT_WARN_ABOVE && lockout <= 60) {
    out.push(
      inherited({
        code: 'LOCKOUT_LONG',
        severity: 'warning',
        message: `screens lock only after ${lockout} idle minutes`,
        hint: `most schools lock after 5 to ${LOCKOUT_WARN_ABOVE} minutes; an unattended unlocked screen exposes pupil data`,
        ...locate(locator, ['lockout_minutes']),
      }),
    );
  }
  return out;
}

function findTodos(data: unknown, locator: Locator, path: (string | number)[] = []): Diagnostic[] {
  if (typeof data === 'string') {
    return /^TODO\b/.test(data.trim())
      ? [{ code: 'TODO_LEFT', severity: 'error', message: `\`${path.join('.')}\` still says TODO`, hint: 'fill in the value (the comment beside it gives an example)', ...locate(locator, path) }]
      : [];
  }
  if (Array.isArray(data)) return data.flatMap((item, i) => findTodos(item, locator, [...path, i]));
  if (data && typeof data === 'object') return Object.entries(data).flatMap(([k, v]) => findTodos(v, locator, [...path, k]));
  return [];
}

function isPerson(value: unknown): value is Person {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const norm = (s: unknown) => (typeof s === 'string' ? s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim() : '');

/** Same person when the names match, or when neither is named and the posts match. */
export function samePerson(a: Person, b: Person): boolean {
  if (norm(a.name) && norm(b.name)) return norm(a.name) === norm(b.name);
  if (norm(a.role) && norm(b.role) && !(norm(a.name) && norm(b.name))) return norm(a.role) === norm(b.role);
  return false;
}

function show(p: Person): string {
  return p.name ?? `the ${p.role}`;
}
