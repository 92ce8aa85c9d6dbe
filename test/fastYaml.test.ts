// The fast first reading (src/load/fastYaml.ts) must never differ from the yaml package's: for any text
// it either reads the same data as the yaml package does for a file with no errors or warnings, or
// hands the file back (undefined) for the yaml package to read and report.

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fastYaml } from '../src/load/fastYaml.ts';
import { parseYamlFile, pathKey } from '../src/load/parseYamlFile.ts';
import { generateSchools } from './bench/generateSchools.ts';
import { random } from './support/random.ts';
import { REPO } from './support/tempProject.ts';

/** What the yaml package reads, as parseYamlFile configures it: the data, or "refused" with any error or warning. */
function slowReading(text: string): { data: unknown } | 'refused' {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true });
  if (doc.errors.length || doc.warnings.length) return 'refused';
  try {
    return { data: doc.toJS({ maxAliasCount: 100 }) };
  } catch {
    return 'refused';
  }
}

/** The property: the fast reading is the yaml package's, or steps aside. */
function expectAgreement(text: string, label: string): 'fast' | 'slow' {
  const fast = fastYaml(text);
  if (!fast) return 'slow';
  const slow = slowReading(text);
  expect(slow, `${label}: the yaml package refuses what the fast reading accepted\n${text}`).not.toBe('refused');
  expect(fast.data, `${label}: the readings differ\n${text}`).toEqual((slow as { data: unknown }).data);
  return 'fast';
}

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFilesUnder(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** Characters that mean something to YAML, and some that do not. */
const PIECES = [...' :-#\'"[]{},&*!|>?%@\t\n\\.~0123456789aZ_+', ': ', '- ', '  ', '\n  ', '\n- ', '"', "'", 'null', 'true', 'yes', '0o17', '0x1F', '1_000', '.inf', '1e3', '2025-01-15', '~', '<<: ', '---\n', '...\n', '!!str ', '&a ', '*a', '? '];

function mutate(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 3);
  for (let n = 0; n < edits; n++) {
    const at = Math.floor(next() * (out.length + 1));
    const piece = PIECES[Math.floor(next() * PIECES.length)]!;
    const kind = next();
    if (kind < 0.4) out = out.slice(0, at) + piece + out.slice(at);
    else if (kind < 0.7) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 4));
    else out = out.slice(0, at) + piece + out.slice(at + piece.length);
  }
  return out;
}

describe('the fast YAML reading', () => {
  const examples = [...yamlFilesUnder(join(REPO, 'schools')), ...yamlFilesUnder(join(REPO, 'trusts')), ...yamlFilesUnder(join(REPO, 'templates')), ...yamlFilesUnder(join(REPO, 'test/fixtures'))];

  it('reads every example school, trust, template and test fixture as the yaml package does, and most of them itself', () => {
    const ways = examples.map((file) => expectAgreement(readFileSync(file, 'utf8'), file));
    expect(ways.filter((w) => w === 'fast').length).toBeGreaterThan(examples.length / 2);
  });

  it('reads generated schools (long asset registers) itself, as the yaml package does', () => {
    const root = mkdtempSync(join(tmpdir(), 'policy-press-fast-yaml-'));
    try {
      generateSchools(root, 40);
      const files = readdirSync(join(root, 'schools'))
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => join(root, 'schools', f));
      expect(files.map((file) => expectAgreement(readFileSync(file, 'utf8'), file))).toEqual(files.map(() => 'fast'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('never differs from the yaml package on thousands of mutated files', () => {
    const next = random(20261123);
    const bases = examples.filter((f) => f.includes('/schools/') || f.includes('/trusts/')).map((f) => readFileSync(f, 'utf8'));
    let fast = 0;
    for (let i = 0; i < 3000; i++) {
      const text = mutate(bases[i % bases.length]!, next);
      if (expectAgreement(text, `mutation ${i}`) === 'fast') fast++;
    }
    // Most single edits leave a readable file, so the comparison means something.
    expect(fast).toBeGreaterThan(500);
  });

  it('resolves plain values by YAML 1.2 core rules, as the yaml package does', () => {
    expect(fastYaml('a: 1_000\nb: 0o17\nc: 0x1F\nd: .inf\ne: ~\nf: 2025-01-15\ng: yes\nh: 007\ni: 1e3\nj: "12"\nk: True\nl:\n')?.data).toEqual({
      a: '1_000',
      b: 15,
      c: 31,
      d: Number.POSITIVE_INFINITY,
      e: null,
      f: '2025-01-15',
      g: 'yes',
      h: 7,
      i: 1000,
      j: '12',
      k: true,
      l: null,
    });
    expect(fastYaml('')?.data).toBeNull();
  });

  it('leaves to the yaml package what only it reads with its messages: duplicates, syntax errors, tags, anchors, tabs, null keys', () => {
    for (const text of ['a: 1\na: 2\n', 'a: "open\n', 'a: !!str 1\n', 'a: &x 1\nb: *x\n', 'a:\n\tb: 1\n', '~: 1\n', '%YAML 1.2\n---\na: 1\n', 'a: [1,\n]\n', `a: ${'x'.repeat(1200)}\n`, '[a]: 1\n', 'a: "two\n  lines"\n']) {
      expect(fastYaml(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('finds positions only when asked, the same as reading them at once', () => {
    const text = 'school:\n  name: Oak Primary\nsystems:\n  - SIMS\n  - Arbor\n';
    const { value } = parseYamlFile(new TextEncoder().encode(text), 'schools/oak.yaml');
    expect(value?.data).toEqual({ school: { name: 'Oak Primary' }, systems: ['SIMS', 'Arbor'] });
    expect(value?.locations.get(pathKey(['school', 'name']))).toEqual({
      file: 'schools/oak.yaml',
      key: { line: 2, column: 3, endLine: 2, endColumn: 7 },
      value: { line: 2, column: 9, endLine: 2, endColumn: 20 },
    });
    expect(value?.locations.get(pathKey(['systems', 1]))?.value.line).toBe(5);
  });
});
