// A fast first reading of a YAML file: js-yaml, resolving plain values with the yaml package's own rules.
//
// The yaml package (parseYamlFile.ts) gives the positions and messages every diagnostic needs, but it
// took over half the time of loading a school: 6 ms for a file with a long asset register, against
// under 1 ms for js-yaml. Most files in a build are fine, and a fine file's positions are never asked
// for. So a file is first read here; its positions are found with the yaml package only if something
// asks for one (see lazyLocations in parseYamlFile.ts). Anything this reading is not sure of gives
// `undefined`, and the file is read by the yaml package as before, with its exact messages: a file with
// a syntax error or duplicate key (js-yaml refuses them too), or with a feature the two libraries could
// read differently (tags, anchors and aliases, directives, several documents, tabs, quoted values or
// flow collections over several lines, collections or nulls as keys, very long lines).
//
// test/fastYaml.test.ts compares the two readings over the example schools and thousands of mutations.

import jsyaml from 'js-yaml';
import { Schema } from 'yaml';

/** What the yaml package's core schema says a plain scalar tag is, as far as it is used here. */
interface ScalarTag {
  tag: string;
  default?: boolean | 'key';
  test?: RegExp;
  resolve(value: string, onError: (message: string) => void, options: object): unknown;
}

/**
 * js-yaml's types for YAML 1.2's core schema, each deciding and resolving a plain scalar with the
 * yaml package's own test and resolve, so both libraries give a value the same type: js-yaml's own
 * core schema differs in places (it reads 1_000 as a number, the yaml package as text).
 */
function coreTypes(): jsyaml.Type[] {
  const tags = (new Schema({ schema: 'core' }).tags as unknown as ScalarTag[]).filter((t) => t.default === true && t.test);
  const options = { intAsBigInt: false };
  return tags.map(
    (tag, i) =>
      // A tag name per type: two of the yaml package's tags share one (int, hex and octal are all !!int).
      new jsyaml.Type(`${tag.tag}#${i}`, {
        kind: 'scalar',
        resolve: (value: string | null) => tag.test!.test(value ?? ''),
        construct: (value: string | null) => {
          const resolved = tag.resolve(value ?? '', () => {}, options);
          return resolved !== null && typeof resolved === 'object' && 'value' in resolved ? (resolved as { value: unknown }).value : resolved;
        },
      }),
  );
}

let schema: jsyaml.Schema | undefined;

/**
 * Features read here only by the yaml package: a tag (`!`), anchor (`&a`) or alias (`*a`) where a
 * value starts; a directive or document marker; a tab; a line starting inside a flow collection;
 * a key that is a collection (`[a]: 1`, `{[a]: 1}`) or explicit (`? a`), which the libraries turn
 * into different text. (Long lines, and quotes and brackets that go on to another line, are checked
 * line by line in linesDoubtful.)
 * The pattern is deliberately broad: text such as "a *b" takes the slow path, never the wrong one.
 */
// Separate patterns, not one alternation: V8 scans for each of these far faster than for their union.
const ONLY_THE_YAML_PACKAGE = [/(?:^|[\s[\]{},:-])(?:!|[&*]\S)/, /[\]}]#/, /^(?:%|---|\.\.\.)/m, /\t/, /^[ ]*[\]},]/m, /[\]}]\s*:(?:\s|$)/m, /[{,]\s*[[{]/, /^[ ]*(?:- +)*\?(?:\s|$)/m];
const LONG_LINE = 1000;

/** Lines only the yaml package reads as it should: see the helpers below. */
function linesDoubtful(text: string): boolean {
  for (const line of text.split('\n')) {
    if (line.length >= LONG_LINE || bracketDepth(line) !== 0 || quotesDoubtful(line)) return true;
  }
  return false;
}

/**
 * Opening minus closing brackets: not 0 when a flow collection (`[a, b]`, `{a: 1}`) goes on to another
 * line, whose indentation the yaml package checks and js-yaml does not. Brackets in quotes and comments
 * count too: a miscount only takes the slow path.
 */
function bracketDepth(line: string): number {
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return depth;
}

/**
 * A quoted value or key left open at the end of its line (the yaml package checks the indentation of
 * the lines it continues on, js-yaml does not), or a comment straight after a closing quote (the yaml
 * package's strict mode refuses it). A quote counts only where a value can start, so the apostrophe in
 * "LGfL's GridStore" is text.
 */
function quotesDoubtful(line: string): boolean {
  let canStart = true;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '#' && (i === 0 || line[i - 1] === ' ')) break;
    if (canStart && (c === '"' || c === "'")) {
      let j = i + 1;
      for (; j < line.length; j++) {
        if (c === '"' && line[j] === '\\') j++;
        else if (line[j] === c) {
          if (c === "'" && line[j + 1] === "'") j++;
          else break;
        }
      }
      if (j >= line.length || line[j + 1] === '#') return true;
      i = j;
      canStart = false;
    } else if (c === '[' || c === '{' || c === ',' || ((c === '-' || c === ':' || c === '?') && (i + 1 === line.length || line[i + 1] === ' '))) {
      canStart = true;
    } else if (c !== ' ') {
      canStart = false;
    }
  }
  return false;
}

/** The file's data, or undefined when the yaml package must read it. */
export function fastYaml(text: string): { data: unknown } | undefined {
  if (ONLY_THE_YAML_PACKAGE.some((pattern) => pattern.test(text)) || linesDoubtful(text)) return undefined;
  schema ??= jsyaml.FAILSAFE_SCHEMA.extend({ implicit: coreTypes() });
  let data: unknown;
  try {
    data = jsyaml.load(text, { schema });
  } catch {
    return undefined;
  }
  // An empty file is null to the yaml package; js-yaml says undefined.
  if (data === undefined) return { data: null };
  return hasDoubtfulKey(data) ? undefined : { data };
}

/**
 * A null key (`~:`), which the yaml package names "" and js-yaml "null", or a collection as a key that
 * got past the pattern above ("[object Object]" to js-yaml). No school file has either.
 */
function hasDoubtfulKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasDoubtfulKey);
  if (value === null || typeof value !== 'object') return false;
  for (const [key, child] of Object.entries(value)) if (key === 'null' || key.startsWith('[object ') || hasDoubtfulKey(child)) return true;
  return false;
}
