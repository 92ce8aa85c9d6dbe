// YAML text → plain data plus where every key and value sits in the file.

import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics/index.ts';
import { decodeText } from './decodeText.ts';
import { fastYaml } from './fastYaml.ts';

/** A path into the data: mapping keys and sequence indexes. */
export type DataPath = readonly (string | number)[];

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface NodeLocation {
  file: string;
  /** The key that introduces this value (absent for sequence items and the root). */
  key?: Span;
  value: Span;
}

export interface YamlFile {
  file: string;
  /** The decoded text, BOM removed, for code frames. */
  text: string;
  data: unknown;
  /** Found when first asked for (see lazyMap): a file without problems is rarely asked. */
  locations: ReadonlyMap<string, NodeLocation>;
}

const RELEASE = Symbol('release');

/**
 * A map made by `build` when it is first read. `releaseLazyMap` lets it go again (and the lazy maps
 * it was made from, `madeFrom`): it is made again if it is read again.
 */
export function lazyMap<K, V>(build: () => ReadonlyMap<K, V>, madeFrom: readonly ReadonlyMap<unknown, unknown>[] = []): ReadonlyMap<K, V> {
  let map: ReadonlyMap<K, V> | undefined;
  const get = () => (map ??= build());
  return {
    get: (key) => get().get(key),
    has: (key) => get().has(key),
    forEach: (fn, thisArg) => get().forEach(fn, thisArg),
    get size() {
      return get().size;
    },
    entries: () => get().entries(),
    keys: () => get().keys(),
    values: () => get().values(),
    [Symbol.iterator]: () => get()[Symbol.iterator](),
    [RELEASE]: () => {
      map = undefined;
      for (const other of madeFrom) releaseLazyMap(other);
    },
  } as ReadonlyMap<K, V>;
}

/**
 * Lets go of what a lazy map has made, if it is one. A school's positions are asked for while it is
 * loaded (to place its warnings), rarely after: at 1,000 schools, the positions of the 220 with a
 * warning (and the raw data their closures kept) held 28 MB of the heap for the rest of the build.
 */
export function releaseLazyMap(map: ReadonlyMap<unknown, unknown>): void {
  (map as { [RELEASE]?: () => void })[RELEASE]?.();
}

/** Far above any real school file (a few KB), low enough that nothing is exhausted. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
const MAX_ALIAS_COUNT = 100;

export function pathKey(path: DataPath): string {
  return JSON.stringify(path);
}

export interface ParsedYaml {
  value: YamlFile | undefined;
  diagnostics: Diagnostic[];
  /** The decoded text even when it does not parse, for code frames. */
  text?: string;
}

export function parseYamlFile(bytes: Uint8Array, file: string): ParsedYaml {
  if (bytes.length > MAX_FILE_BYTES) {
    return {
      value: undefined,
      diagnostics: [
        {
          code: 'FILE_TOO_LARGE',
          severity: 'error',
          message: `the file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; a school file is normally a few KB (limit ${MAX_FILE_BYTES / 1024 / 1024} MB)`,
          file,
          line: 1,
          column: 1,
          hint: 'check that this is the right file, and keep large documents out of the YAML (link to them instead)',
        },
      ],
    };
  }
  const decoded = decodeText(bytes, file);
  if (decoded.text === undefined) return { value: undefined, diagnostics: [decoded.diagnostic!] };
  const text = decoded.text.replace(/^\uFEFF/, '');

  const fast = fastYaml(text);
  if (fast) return { value: { file, text, data: fast.data, locations: lazyMap(() => locationsOf(file, ...readDocument(text))) }, diagnostics: [], text };

  const [doc, lineCounter] = readDocument(text);
  const at = (offset: number) => lineCounter.linePos(offset);
  const diagnostics: Diagnostic[] = [];
  for (const error of [...doc.errors, ...doc.warnings]) {
    const start = at(error.code === 'MISSING_CHAR' && /quote/.test(error.message) ? openingQuote(text, error.pos[0]) : error.pos[0]);
    const end = at(Math.max(error.pos[1], error.pos[0] + 1));
    diagnostics.push({
      code: yamlCode(error.code),
      severity: doc.errors.includes(error as never) ? 'error' : 'warning',
      message: yamlMessage(error.code, error.message),
      file,
      line: start.line,
      column: start.col,
      endLine: end.line,
      endColumn: end.col,
      hint: yamlHint(error.code, error.message),
    });
  }
  if (doc.errors.length > 0) return { value: undefined, diagnostics, text };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The yaml package signals an alias bomb with a ReferenceError.
    diagnostics.push({
      code: 'ALIAS_LIMIT',
      severity: 'error',
      message: `the file expands too many aliases (${(error as Error).message})`,
      file,
      line: 1,
      column: 1,
      hint: `write the values out instead of using more than ${MAX_ALIAS_COUNT} "*alias" references`,
    });
    return { value: undefined, diagnostics, text };
  }

  return { value: { file, text, data, locations: locationsOf(file, doc, lineCounter) }, diagnostics, text };
}

function readDocument(text: string): [Document.Parsed, LineCounter] {
  const lineCounter = new LineCounter();
  return [parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true }), lineCounter];
}

/** Where every key and value of the document sits, by pathKey. */
function locationsOf(file: string, doc: Document.Parsed, lineCounter: LineCounter): Map<string, NodeLocation> {
  const at = (offset: number) => lineCounter.linePos(offset);
  const locations = new Map<string, NodeLocation>();
  const span = (range: readonly number[] | null | undefined): Span => {
    const [s = 0, e = s + 1] = range ?? [];
    const a = at(s);
    const b = at(Math.max(e, s + 1));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  const visit = (node: Node | null | undefined, path: (string | number)[], key?: Span) => {
    if (!node) return;
    locations.set(pathKey(path), { file, key, value: span(node.range) });
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const keySpan = span((pair.key as Node | null)?.range);
        const value = pair.value as Node | null;
        if (value) visit(value, [...path, k], keySpan);
        else locations.set(pathKey([...path, k]), { file, key: keySpan, value: keySpan });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item as Node, [...path, i]));
    }
  };
  visit(doc.contents as Node | null, []);
  return locations;
}

/**
 * The yaml package reports an unclosed quote where the file ends; the person
 * fixing it needs the line where the quote was opened.
 */
function openingQuote(text: string, end: number): number {
  const before = text.slice(0, end);
  const m = [...before.matchAll(/(?:^|[:\-[,{]\s*)(["'])/gm)].at(-1);
  return m ? m.index + m[0].length - 1 : end;
}

function yamlCode(code: string): string {
  if (code === 'DUPLICATE_KEY') return 'DUPLICATE_KEY';
  if (code === 'TAB_AS_INDENT') return 'TAB_INDENT';
  return `YAML_${code}`;
}

function yamlMessage(code: string, message: string): string {
  // The yaml package appends its own "at line x, column y" when prettyErrors is on; it is off here.
  if (code === 'DUPLICATE_KEY') return 'this key appears twice in the same mapping';
  if (code === 'TAB_AS_INDENT') return 'a tab is used for indentation; YAML only allows spaces';
  // The yaml package's words for a line without "name: value" ("implicit map keys") mean nothing to most people.
  if (noColon(code, message)) return 'this line is not a "name: value" pair (it has no colon after a name)';
  return `YAML syntax error: ${message.replace(/\s+/g, ' ').trim()}`;
}

const NO_COLON = /Implicit map keys need to be followed by map values/;

/**
 * A line without a colon: the yaml package says so ("…followed by map values") when the mapping ends
 * there, and, when a "name: value" line follows, reads the two lines as one name over two lines
 * (MULTILINE_IMPLICIT_KEY, reported at the first).
 */
function noColon(code: string, message: string): boolean {
  return code === 'MULTILINE_IMPLICIT_KEY' || NO_COLON.test(message);
}

function yamlHint(code: string, message: string): string | undefined {
  if (noColon(code, message)) return 'if it continues the value above, indent it further than that value\'s name (or quote the whole value); otherwise add ": " after the name';
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'keep one of the two entries and delete the other';
    case 'TAB_AS_INDENT':
      return 'replace the tab with spaces (two per level); in VS Code: "Convert Indentation to Spaces"';
    case 'MISSING_CHAR':
      return 'close the quote at the end of the value, or remove the opening one';
    case 'BAD_INDENT':
    case 'UNEXPECTED_TOKEN':
      return 'check the indentation and that every "key: value" has a space after the colon';
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'a value that contains ": " or starts with a special character needs quotes';
    default:
      return 'compare this line with the annotated example in the README';
  }
}
