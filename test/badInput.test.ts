// Every bad input the foundation issue names: a located, coded diagnostic, exit 1, no stack trace.

import { describe, expect, it } from 'vitest';
import { checkJson, run, school, tempProject } from './support/tempProject.ts';

async function diagnose(files: Record<string, string | Uint8Array>) {
  const result = await checkJson(tempProject(files));
  return { ...result, codes: result.diagnostics.map((d) => d.code) };
}

const one = (yaml: string) => diagnose({ 'schools/test-primary.yaml': yaml });

describe('check on bad input', () => {
  it('accepts the minimal school', async () => {
    const { code, diagnostics } = await one(school());
    expect(diagnostics).toEqual([]);
    expect(code).toBe(0);
  });

  it('reports a missing required field at its parent mapping', async () => {
    const { code, diagnostics } = await one(school((y) => y.replace('  dpo:\n    name: Dana Protection\n', '')));
    expect(code).toBe(1);
    const d = diagnostics.find((x) => x.code === 'MISSING_FIELD')!;
    expect(d.message).toContain('people.dpo');
    expect(d).toMatchObject({ file: 'schools/test-primary.yaml', line: 4, column: 1 });
    expect(d.hint).toMatch(/add `dpo:` under `people`/);
  });

  it('reports every missing required field at once', async () => {
    const { diagnostics } = await one('school:\n  name: Bare School\n');
    const missing = diagnostics.filter((d) => d.code === 'MISSING_FIELD').map((d) => d.message);
    expect(missing).toHaveLength(4);
    for (const field of ['people', 'review', 'lockout_minutes', 'backup']) expect(missing.join()).toContain(`\`${field}\``);
  });

  it('reports a wrong type with a hint', async () => {
    const { diagnostics } = await one(school((y) => y.replace('lockout_minutes: 10', 'lockout_minutes: "10"')));
    expect(diagnostics).toMatchObject([{ code: 'WRONG_TYPE', line: 13, column: 18, hint: 'write the number without quotes' }]);
    const inWords = await one(school((y) => y.replace('lockout_minutes: 10', 'lockout_minutes: ten')));
    expect(inWords.diagnostics).toMatchObject([{ code: 'WRONG_TYPE', line: 13, column: 18, hint: 'write it in figures, e.g. 10' }]);
  });

  it('quotes a number where text is wanted as it is written, not as YAML reads it', async () => {
    // 2.10 is read as the number 2.1: quoting what YAML read would change the version.
    const { diagnostics } = await one(school((y) => `${y}policy:\n  version: 2.10\n`));
    expect(diagnostics).toMatchObject([{ code: 'WRONG_TYPE', line: 17, column: 12, message: '`policy.version` should be text, found number 2.10', hint: 'put the value in quotes: "2.10"' }]);
  });

  it('reports an unknown key with a did-you-mean', async () => {
    const { diagnostics } = await one(school((y) => y.replace('lockout_minutes: 10', 'lockout_minutes: 10\nbakcup: weekly')));
    expect(diagnostics).toMatchObject([{ code: 'UNKNOWN_KEY', line: 14, column: 1, hint: 'did you mean `backup`?' }]);
  });

  it('reports a misspelt required field once, at the misspelling, saying the field is needed', async () => {
    // Required by the template family (lgfl-e-security's `requires`)…
    const family = await one(school((y) => y.replace('lockout_minutes: 10', 'lockout_minuets: 10')));
    expect(family.code).toBe(1);
    expect(family.diagnostics).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_KEY', line: 13, column: 1, hint: 'did you mean `lockout_minutes`? The lgfl-e-security template requires it, and it is missing.' }),
    ]);
    // …and by every school (the schema's own required fields), in a nested mapping.
    const schema = await one(school((y) => y.replace('  name: Test Primary', '  nmae: Test Primary')));
    expect(schema.diagnostics).toEqual([expect.objectContaining({ code: 'UNKNOWN_KEY', line: 3, column: 3, hint: 'did you mean `name`? It is required, and missing.' })]);
  });

  it('still reports a missing field beside an unknown key that does not look like it', async () => {
    const { diagnostics } = await one(school((y) => y.replace('lockout_minutes: 10', 'screen_timeout: 10')));
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['MISSING_FIELD', 'UNKNOWN_KEY']);
    expect(diagnostics.find((d) => d.code === 'UNKNOWN_KEY')!.hint).toMatch(/^the fields allowed here are: /);
  });

  it('reports a duplicate key', async () => {
    const { diagnostics } = await one(school((y) => `${y}lockout_minutes: 5\n`));
    expect(diagnostics).toMatchObject([{ code: 'DUPLICATE_KEY', line: 16, column: 1 }]);
  });

  it('reports an invalid date', async () => {
    const { diagnostics } = await one(school((y) => y.replace('next_review: 2025-09', 'next_review: 2025-02-30')));
    expect(diagnostics).toMatchObject([{ code: 'INVALID_DATE', line: 11, column: 16 }]);
    expect(diagnostics[0]!.hint).toBe('February 2025 has 28 days: write the date as YYYY-MM-DD or YYYY-MM, e.g. 2024-09-01 or 2024-09 (found "2025-02-30")');
  });

  it('says which part of a date does not exist', async () => {
    const hint = async (date: string) => (await one(school((y) => y.replace('next_review: 2025-09', `next_review: ${date}`)))).diagnostics[0]?.hint;
    expect(await hint('2025-13')).toMatch(/^there is no month 13: write the date as YYYY-MM-DD/);
    expect(await hint('2025-00-10')).toMatch(/^there is no month 00: /);
    expect(await hint('2028-02-30')).toMatch(/^February 2028 has 29 days: /);
    expect(await hint('2025-09-00')).toMatch(/^September 2025 has 30 days: /);
    // Not in the form at all: only the form to write.
    expect(await hint('Sept 2025')).toMatch(/^write the date as YYYY-MM-DD/);
  });

  it('reports a date written in words', async () => {
    const { diagnostics } = await one(school((y) => y.replace('next_review: 2025-09', 'next_review: September 2025')));
    expect(diagnostics).toMatchObject([{ code: 'INVALID_DATE', line: 11 }]);
  });

  it('reports review dates out of order', async () => {
    const { diagnostics } = await one(school((y) => y.replace('next_review: 2025-09', 'next_review: 2024-03')));
    expect(diagnostics.filter((d) => d.severity === 'error')).toMatchObject([{ code: 'REVIEW_DATES_ORDER', line: 11, column: 16 }]);
  });

  it('reports a DPO who is the SIRO, by name or by post', async () => {
    const byName = await one(school((y) => y.replace('siro:\n    role: Head Teacher', 'siro:\n    name: dana  PROTECTION')));
    expect(byName.diagnostics).toMatchObject([{ code: 'DPO_IS_SIRO', line: 7, column: 3 }]);
    const byPost = await one(school((y) => y.replace('name: Dana Protection', 'role: Head Teacher')));
    expect(byPost.codes).toEqual(['DPO_IS_SIRO']);
  });

  it.each([
    ['0', 'OUT_OF_RANGE'],
    ['-5', 'OUT_OF_RANGE'],
    ['7.5', 'NOT_WHOLE_NUMBER'],
    ['999', 'OUT_OF_RANGE'],
  ])('rejects lock-out minutes %s', async (value, code) => {
    const { code: exit, diagnostics } = await one(school((y) => y.replace('lockout_minutes: 10', `lockout_minutes: ${value}`)));
    expect(exit).toBe(1);
    expect(diagnostics).toMatchObject([{ code, line: 13, column: 18 }]);
  });

  it('warns, without failing, about a long lock-out', async () => {
    const { code, diagnostics } = await one(school((y) => y.replace('lockout_minutes: 10', 'lockout_minutes: 20')));
    expect(code).toBe(0);
    expect(diagnostics).toMatchObject([{ code: 'LOCKOUT_LONG', severity: 'warning', line: 13 }]);
  });

  it('reports an empty file', async () => {
    const { code, diagnostics } = await one('');
    expect(code).toBe(1);
    expect(diagnostics).toMatchObject([{ code: 'EMPTY_FILE', line: 1, column: 1 }]);
    expect((await one('# only a comment\n')).codes).toEqual(['EMPTY_FILE']);
  });

  it('reports a list where a mapping belongs', async () => {
    expect((await one('- school\n- people\n')).codes).toEqual(['NOT_A_MAPPING']);
    const nested = await one(school((y) => y.replace('people:\n  siro:\n    role: Head Teacher\n  dpo:\n    name: Dana Protection', 'people:\n  - Head Teacher\n  - Dana Protection')));
    expect(nested.diagnostics).toMatchObject([{ code: 'WRONG_TYPE', line: 5 }]);
    expect(nested.diagnostics[0]!.hint).toContain('not a list');
  });

  it('reports a YAML syntax error with its position', async () => {
    const { code, diagnostics } = await one(school((y) => y.replace('  provider: RedStor', '  provider: "RedStor')));
    expect(code).toBe(1);
    expect(diagnostics[0]!.code).toMatch(/^YAML_/);
    // The parser notices the unclosed quote at the end of the file; we point at where it opened.
    expect(diagnostics[0]).toMatchObject({ code: 'YAML_MISSING_CHAR', file: 'schools/test-primary.yaml', line: 15, column: 13 });
  });

  it('says in plain words when a line is not "name: value"', async () => {
    const { diagnostics } = await one(school((y) => y.replace('  provider: RedStor', '  provider: RedStor\n  and its offsite copy')));
    const noColon = diagnostics.find((d) => d.line === 16);
    expect(noColon).toMatchObject({ file: 'schools/test-primary.yaml', column: 3, message: 'this line is not a "name: value" pair (it has no colon after a name)' });
    expect(noColon!.hint).toContain('indent it further');
    expect(diagnostics.map((d) => d.message).join('\n')).not.toMatch(/implicit/i);
  });

  it('says so in the same words when a "name: value" line follows the line without a colon', async () => {
    const { code, diagnostics } = await one(school((y) => y.replace('  last_reviewed: 2024-09', '  last_reviewed 2024-09')));
    expect(code).toBe(1);
    expect(diagnostics[0]).toMatchObject({ code: 'YAML_MULTILINE_IMPLICIT_KEY', file: 'schools/test-primary.yaml', line: 10, column: 3, message: 'this line is not a "name: value" pair (it has no colon after a name)' });
    expect(diagnostics[0]!.hint).toContain('add ": " after the name');
    expect(diagnostics.map((d) => `${d.message} ${d.hint}`).join('\n')).not.toMatch(/implicit/i);
  });

  it('reports tab indentation', async () => {
    const { diagnostics } = await one(school((y) => y.replace('  provider: RedStor', '\tprovider: RedStor')));
    expect(diagnostics[0]).toMatchObject({ code: 'TAB_INDENT', line: 15, column: 1 });
    expect(diagnostics[0]!.hint).toContain('spaces');
  });

  it('reports invalid UTF-8 at the offending byte', async () => {
    const bytes = Buffer.concat([Buffer.from(school().replace('Test Primary', 'Caf')), Buffer.from([])]);
    const at = bytes.indexOf('Caf') + 3;
    const broken = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xe9]), bytes.subarray(at)]); // Windows-1252 é
    const { diagnostics } = await one(broken as unknown as string);
    expect(diagnostics).toMatchObject([{ code: 'INVALID_UTF8', line: 3, column: 12 }]);
  });

  it('reports a 10 MB value without choking', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const { diagnostics } = await one(school((y) => y.replace('RedStor', huge)));
    expect(diagnostics).toMatchObject([{ code: 'VALUE_TOO_LONG', line: 15, column: 13 }]);
    expect(diagnostics[0]!.message).toContain('10,485,760');
  });

  it('refuses a file over the size limit before parsing it', async () => {
    const { diagnostics } = await one(school((y) => y.replace('RedStor', 'x'.repeat(17 * 1024 * 1024))));
    expect(diagnostics).toMatchObject([{ code: 'FILE_TOO_LARGE', line: 1 }]);
  });

  it('stops an alias bomb', async () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const { code, diagnostics } = await one(`${bomb.join('\n')}\n`);
    expect(code).toBe(1);
    expect(diagnostics.map((d) => d.code)).toContain('ALIAS_LIMIT');
  });

  it('reports a file name that is not a valid slug', async () => {
    const { diagnostics } = await diagnose({ 'schools/Test Primary.yaml': school() });
    expect(diagnostics).toMatchObject([{ code: 'INVALID_SLUG', file: 'schools/Test Primary.yaml' }]);
    expect(diagnostics[0]!.hint).toContain('schools/test-primary.yaml');
  });

  it('reports two schools with the same slug', async () => {
    const { diagnostics } = await diagnose({ 'schools/test-primary.yaml': school(), 'schools/test-primary.yml': school() });
    expect(diagnostics.map((d) => d.code)).toEqual(['DUPLICATE_SLUG']);
  });

  it('accepts a BOM and CRLF line endings, and still locates problems', async () => {
    const windows = `\uFEFF${school().replace(/\n/g, '\r\n')}`;
    expect((await one(windows)).diagnostics).toEqual([]);
    const { diagnostics } = await one(windows.replace('lockout_minutes: 10', 'lockout_minutes: 0'));
    expect(diagnostics).toMatchObject([{ code: 'OUT_OF_RANGE', line: 13, column: 18 }]);
  });

  it('reports problems in every file in one run', async () => {
    const { diagnostics } = await diagnose({
      'schools/one.yaml': school((y) => y.replace('lockout_minutes: 10', 'lockout_minutes: 0')),
      'schools/two.yaml': school((y) => y.replace('next_review: 2025-09', 'next_review: 2020-09')),
    });
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file} ${d.code}`)).toEqual(['schools/one.yaml OUT_OF_RANGE', 'schools/two.yaml REVIEW_DATES_ORDER']);
  });

  it('prints located, framed errors and no stack trace', async () => {
    const root = tempProject({ 'schools/test-primary.yaml': school((y) => y.replace('lockout_minutes: 10', 'lockout_minutes: 7.5')) });
    const { code, stderr } = await run(root, ['check']);
    expect(code).toBe(1);
    expect(stderr).toContain('schools/test-primary.yaml:13:18 error NOT_WHOLE_NUMBER');
    expect(stderr).toContain('> 13 | lockout_minutes: 7.5');
    expect(stderr).toMatch(/\n\s+\|\s+\^\^\^/);
    expect(stderr).toContain('hint:');
    expect(stderr).not.toMatch(/\n\s+at .*\.ts:\d+/);
  });
});
