// zod issues → located diagnostics with friendly messages and hints (after starlight's error-map).

import type { z } from 'zod';
import { didYouMean, type Diagnostic } from '../diagnostics/index.ts';
import { type DataPath, type NodeLocation, pathKey } from '../load/parseYamlFile.ts';
import { fieldsAt, isRequired, type JsonSchema, schemaAt } from './schoolJsonSchema.ts';
import { impossibleDate } from './schemas/common.ts';

export interface Locator {
  locations: ReadonlyMap<string, NodeLocation>;
  /** The school's own file, for problems with no closer location. */
  file: string;
  /** The file a value comes from (the school's, or a defaults file it inherits), without reading positions. */
  fileOf?(path: DataPath): string;
  /** The JSON schema of the file's kind, for its fields, examples and "did you mean": the school file's unless given. */
  schema?: JsonSchema;
  /** The files' texts, to quote a value as it is written (`19.00`, which YAML reads as the number 19). */
  sources?: ReadonlyMap<string, string>;
}

/** Where to point for a path: the value, or for a missing field the nearest mapping that exists. */
export function locate(locator: Locator, path: DataPath, on: 'key' | 'value' = 'value'): Pick<Diagnostic, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'> {
  for (let n = path.length; n >= 0; n--) {
    const location = locator.locations.get(pathKey(path.slice(0, n)));
    if (!location) continue;
    const span = (n === path.length && on === 'key' ? location.key : undefined) ?? (n < path.length && location.key ? location.key : location.value);
    return { file: location.file, line: span.line, column: span.column, endLine: span.endLine, endColumn: span.endColumn };
  }
  return { file: locator.file, line: 1, column: 1 };
}

export function dotted(path: DataPath): string {
  return path.reduce<string>((out, step) => (typeof step === 'number' ? `${out}[${step}]` : out ? `${out}.${step}` : step), '');
}

/** A template family's own required fields (family.yaml's `requires`), for a school of that family. */
export interface FamilyRequirement {
  family: string;
  fields: readonly string[];
}

export function issueToDiagnostics(issue: z.core.$ZodIssue, locator: Locator, data: unknown, requirement?: FamilyRequirement): Diagnostic[] {
  const path = issue.path as (string | number)[];
  const field = `\`${dotted(path)}\``;
  const inherited = (d: Diagnostic): Diagnostic =>
    d.file && d.file !== locator.file ? { ...d, message: `${d.message} (inherited from ${d.file})` } : d;
  const base = (code: string, message: string, hint?: string, on: 'key' | 'value' = 'value'): Diagnostic =>
    inherited({ code, severity: 'error', message, hint, ...locate(locator, path, on) });
  const received = valueAt(data, path);

  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const known = fieldsAt(path, locator.schema);
        const guess = didYouMean(key, known);
        const where = path.length ? `under ${field}` : 'at the top level';
        // A misspelt required field: its MISSING_FIELD is left out (see lookalikeKey), so this says it is needed.
        const missing = guess !== undefined && valueAt(data, [...path, guess]) === undefined;
        const guessed = guess === undefined ? '' : dotted([...path, guess]);
        const needed = !missing
          ? ''
          : isRequired([...path, guess], locator.schema)
            ? ' It is required, and missing.'
            : requirement?.fields.some((f) => f === guessed || f.startsWith(`${guessed}.`))
              ? ` The ${requirement.family} template requires it, and it is missing.`
              : '';
        return inherited({
          code: 'UNKNOWN_KEY',
          severity: 'error',
          message: `unknown field \`${key}\` ${where}`,
          hint: guess ? `did you mean \`${guess}\`?${needed}` : `the fields allowed here are: ${known.map((k) => `\`${k}\``).join(', ')}`,
          ...locate(locator, [...path, key], 'key'),
        });
      });
    case 'invalid_type': {
      if (received === undefined) return lookalikeKey(data, path, locator.schema) === undefined ? [missingField(path, locator)] : [];
      if (issue.expected === 'int') {
        return [base('NOT_WHOLE_NUMBER', `${field} must be a whole number, not ${JSON.stringify(received)}`, 'write it without a decimal point, e.g. 10')];
      }
      // As written: 19.00, not the number 19 YAML reads it as.
      const written = typeof received === 'number' || typeof received === 'boolean' ? writtenAs(locator, path) : undefined;
      const found = written === undefined ? describe(received) : `${typeof received} ${written}`;
      const hint =
        issue.expected === 'number' && typeof received === 'string'
          ? /^\s*-?\d+(\.\d+)?\s*$/.test(received)
            ? 'write the number without quotes'
            : 'write it in figures, e.g. 10'
          : issue.expected === 'string' && (typeof received === 'number' || typeof received === 'boolean')
            ? `put the value in quotes: "${written ?? String(received)}"`
            : issue.expected === 'object'
              ? `write ${field} as indented "name: value" lines${Array.isArray(received) ? ', not a list of "- " items' : ''}`
              : issue.expected === 'array'
                ? 'write it as a list, one "- item" per line'
                : undefined;
      return [base('WRONG_TYPE', `${field} should be ${article(issue.expected)}, found ${found}`, hint ?? exampleHint(path, locator.schema))];
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      if (issue.origin === 'string') {
        return small
          ? [base('EMPTY_VALUE', `${field} is empty`, exampleHint(path, locator.schema) ?? 'fill it in, or delete the line if the field is optional')]
          : [base('VALUE_TOO_LONG', `${field} is ${(received as string).length.toLocaleString('en-GB')} characters long; the limit is ${limit.toLocaleString('en-GB')}`, 'shorten it; long documents belong in a linked file, not in the policy data')];
      }
      if (issue.origin === 'array') {
        return [base(small ? 'EMPTY_LIST' : 'LIST_TOO_LONG', small ? `${field} is an empty list` : `${field} has more than ${limit} items`, small ? 'add at least one item, or delete the field' : undefined)];
      }
      const bound = small ? `at least ${limit}` : `at most ${limit}`;
      return [base('OUT_OF_RANGE', `${field} must be ${bound}, found ${JSON.stringify(received)}`, rangeHint(path, locator.schema))];
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => String(v));
      const guess = typeof received === 'string' ? didYouMean(received, options) : undefined;
      return [base('INVALID_CHOICE', `${field} cannot be ${JSON.stringify(received)}`, guess ? `did you mean \`${guess}\`?` : `choose one of: ${options.join(', ')}`)];
    }
    case 'invalid_format':
      return [base('INVALID_FORMAT', `${field} ${issue.message}`, exampleHint(path, locator.schema))];
    case 'custom': {
      const code = (issue.params as { code?: string } | undefined)?.code ?? 'INVALID_VALUE';
      const hint = code === 'INVALID_DATE' ? dateHint(received) : code === 'PERSON_NEEDS_NAME_OR_ROLE' ? 'e.g. `name: Keith Bridges` or `role: Head Teacher`' : CUSTOM_HINTS[code];
      return [base(code, `${field} ${issue.message}`, hint)];
    }
    default:
      return [base('INVALID_VALUE', `${field}: ${issue.message}`, exampleHint(path, locator.schema))];
  }
}

/** A field that must be set and is not, pointed at the nearest mapping that exists; `requiredBy` names the template family that needs it. */
export function missingField(path: DataPath, locator: Locator, requiredBy?: string): Diagnostic {
  const example = exampleFor(path, locator.schema);
  const at = locate(locator, path);
  const message = `\`${dotted(path)}\` is required${requiredBy ? ` by the ${requiredBy} template` : ''} but missing`;
  return {
    code: 'MISSING_FIELD',
    severity: 'error',
    message: at.file && at.file !== locator.file ? `${message} (inherited from ${at.file})` : message,
    hint: `add \`${path.at(-1)}:\`${path.length > 1 ? ` under \`${dotted(path.slice(0, -1))}\`` : ''}${example ? `, e.g. ${example}` : ''}`,
    ...at,
  };
}

/**
 * The unknown key beside a missing field that looks like its misspelling (`lockout_minutse` for `lockout_minutes`),
 * if there is one. Its UNKNOWN_KEY, pointed at the line to mend, then says all there is to say: a MISSING_FIELD
 * too would report one mistake twice, the second time at a line that is not wrong.
 */
export function lookalikeKey(data: unknown, path: DataPath, schema?: JsonSchema): string | undefined {
  const parent = valueAt(data, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) return undefined;
  const known = fieldsAt(path.slice(0, -1), schema);
  return Object.keys(parent).find((key) => !known.includes(key) && didYouMean(key, known) === path.at(-1));
}

const CUSTOM_HINTS: Record<string, string> = {
  INVALID_COLOUR: 'write six hexadecimal digits after a #, e.g. "#1d4f91" (in quotes, since YAML reads # as a comment)',
  LOGO_FORMAT: 'save the logo as a PNG (or JPEG, WebP, GIF) file and name that file here, e.g. logos/our-school.png',
};

/** A one-line value as its file has it, when the file's text is at hand. */
function writtenAs(locator: Locator, path: DataPath): string | undefined {
  const at = locator.locations.get(pathKey(path));
  const text = at && locator.sources?.get(at.file);
  if (!at || text === undefined || at.value.line !== at.value.endLine) return undefined;
  return text.split(/\r\n?|\n/)[at.value.line - 1]?.slice(at.value.column - 1, at.value.endColumn - 1);
}

function valueAt(data: unknown, path: DataPath): unknown {
  let node = data;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

function describe(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

function article(expected: string): string {
  const words: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', object: 'a mapping of fields', array: 'a list' };
  return words[expected] ?? expected;
}

function exampleFor(path: DataPath, schema?: JsonSchema): string | undefined {
  const node = schemaAt(path.map((s) => (typeof s === 'number' ? '[]' : s)), schema);
  const example = node?.examples?.[0];
  if (example === undefined) return undefined;
  return typeof example === 'object' ? `\`${JSON.stringify(example)}\`` : `\`${String(example)}\``;
}

function exampleHint(path: DataPath, schema?: JsonSchema): string | undefined {
  const example = exampleFor(path, schema);
  return example ? `for example ${example}` : undefined;
}

function rangeHint(path: DataPath, schema?: JsonSchema): string | undefined {
  return path.at(-1) === 'lockout_minutes' && !schema ? 'screen lock-out is a whole number of minutes from 1 to 60; 5 or 10 is usual' : schemaAt(path, schema)?.description;
}

/** What to write instead of a value that is not a policy date, and what is wrong with it when it looks like one. */
function dateHint(received: unknown): string {
  const why = typeof received === 'string' ? impossibleDate(received) : undefined;
  return `${why ? `${why}: ` : ''}write the date as YYYY-MM-DD or YYYY-MM, e.g. 2024-09-01 or 2024-09 (found ${JSON.stringify(received)})`;
}
