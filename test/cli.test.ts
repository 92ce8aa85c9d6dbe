// The CLI's contract: help, exit codes, `new`, `text`, and that `check` writes nothing.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { COMMANDS } from '../src/cli/main.ts';
import type { Diagnostic } from '../src/diagnostics/index.ts';
import { createNodeWorld } from '../src/project/World.ts';
import { requiredFields } from '../src/render/checkFamilyFields.ts';
import { listFamilies, loadFamily } from '../src/render/loadFamily.ts';
import { schemaAt } from '../src/validate/schoolJsonSchema.ts';
import { checkJson, REPO, run, school, tempProject } from './support/tempProject.ts';

describe('policy-press CLI', () => {
  it('prints help for the tool and every command, exit 0', async () => {
    const root = tempProject();
    const top = await run(root, ['--help']);
    expect(top.code).toBe(0);
    for (const command of COMMANDS) {
      expect(top.stdout).toContain(command.name);
      const help = await run(root, [command.name, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: ${command.usage}`);
    }
  });

  it('exits 2 for usage errors', async () => {
    const root = tempProject();
    expect((await run(root, [])).code).toBe(2);
    expect((await run(root, ['frobnicate'])).code).toBe(2);
    expect((await run(root, ['check', '--nope'])).code).toBe(2);
    const text = await run(root, ['text']);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain('Usage: policy-press text');
  });

  it('check writes nothing', async () => {
    const root = tempProject({ 'schools/test-primary.yaml': school() });
    const before = readdirSync(root).sort();
    expect((await run(root, ['check'])).code).toBe(0);
    expect(readdirSync(root).sort()).toEqual(before);
  });

  it('text prints the policy, with clause ids on request', async () => {
    const root = tempProject({ 'schools/test-primary.yaml': school() });
    const plain = await run(root, ['text', 'test-primary']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^E-Security Policy\nTest Primary\n/);
    expect(plain.stdout).toContain('- The Head Teacher is the Senior Information Risk Officer (SIRO).');
    const ids = await run(root, ['text', 'test-primary', '--ids']);
    expect(ids.stdout).toContain('- [siro] The Head Teacher is');
    const tree = await run(root, ['text', 'test-primary', '--tree']);
    expect(tree.stdout).toContain('section#technical depth=1');
    const unknown = await run(root, ['text', 'nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('UNKNOWN_SCHOOL');
  });

  it("makes one school's text, PDF and check whatever another school's file is named; its own name still counts", async () => {
    const root = tempProject({ 'schools/test-primary.yaml': school(), 'schools/Oak Tree.yaml': school() });
    const text = await run(root, ['text', 'test-primary']);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^E-Security Policy\nTest Primary\n/);
    const pdf = await run(root, ['pdf', 'test-primary', '--out', 'test.pdf']);
    expect(pdf.code).toBe(0);
    expect(readFileSync(join(root, 'test.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await run(root, ['check', 'test-primary'])).code).toBe(0);
    // The whole project is still checked for it,
    const all = await run(root, ['check']);
    expect(all.code).toBe(1);
    expect(all.stderr).toContain('schools/Oak Tree.yaml error INVALID_SLUG');
    // and a school's own file name is its problem.
    const twice = tempProject({ 'schools/test-primary.yaml': school(), 'schools/test-primary.yml': school() });
    const duplicate = await run(twice, ['text', 'test-primary']);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('DUPLICATE_SLUG');
  });
});

describe('policy-press new', () => {
  it('scaffolds a file that fails check with TODOs until filled in', async () => {
    const root = tempProject();
    const made = await run(root, ['new', 'Ysgol Gymraeg Llanfair Pwllgwyngyll']);
    expect(made.code).toBe(0);
    const file = join(root, 'schools/ysgol-gymraeg-llanfair-pwllgwyngyll.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/school.schema.json');
    expect(text).toContain('template: lgfl-e-security\n');
    expect(text).toMatch(/^ {2}name: Ysgol Gymraeg Llanfair Pwllgwyngyll +# \(required\)$/m);

    const { code, diagnostics } = await checkJson(root);
    expect(code).toBe(1);
    const todos = diagnostics.filter((d) => d.code === 'TODO_LEFT');
    expect(todos.map((d) => d.message.match(/`([^`]+)`/)![1])).toEqual(['people.siro.role', 'people.dpo.name', 'review.last_reviewed', 'review.next_review', 'review.reviewed_by', 'lockout_minutes', 'backup.provider']);
    expect(diagnostics.every((d) => d.code === 'TODO_LEFT' && d.line && d.hint)).toBe(true);
  });

  it('passes check once the TODOs are filled in', async () => {
    const root = tempProject();
    await run(root, ['new', 'Oak Primary']);
    const file = join(root, 'schools/oak-primary.yaml');
    const filled = readFileSync(file, 'utf8')
      .replace('role: TODO', 'role: Head Teacher')
      .replace(/^    name: TODO/m, '    name: Jo Bloggs')
      .replace('last_reviewed: TODO', 'last_reviewed: 2024-09')
      .replace('next_review: TODO', 'next_review: 2025-09')
      .replace('reviewed_by: TODO', 'reviewed_by: Jo Bloggs')
      .replace('lockout_minutes: TODO', 'lockout_minutes: 10')
      .replace('provider: TODO', 'provider: RedStor');
    writeFileSync(file, filled);
    const { code, diagnostics } = await checkJson(root);
    expect(diagnostics).toEqual([]);
    expect(code).toBe(0);
  });

  describe.each(listFamilies(createNodeWorld(REPO)))('--template %s', (name) => {
    const family = loadFamily(createNodeWorld(REPO), name).value!;
    const required = requiredFields(family.meta);
    const made = async () => {
      const root = tempProject();
      const result = await run(root, ['new', 'Oak Primary', '--template', name]);
      expect(result.code).toBe(0);
      return { root, file: join(root, 'schools/oak-primary.yaml') };
    };
    /** A check on a day the examples' review dates (2023-09, then 2024-09) are in date. */
    const checkOn = async (root: string) => {
      const result = await run(root, ['check', '--json'], { SOURCE_DATE_EPOCH: String(Date.UTC(2024, 0, 15) / 1000) });
      return { code: result.code, diagnostics: JSON.parse(result.stdout).diagnostics as Diagnostic[] };
    };
    /** Each TODO replaced by its field's example (from the schema, as the comment beside it shows). */
    const fillTodos = async (root: string, file: string) => {
      const { diagnostics } = await checkOn(root);
      const lines = readFileSync(file, 'utf8').split('\n');
      const todos = diagnostics.filter((d) => d.code === 'TODO_LEFT');
      for (const todo of todos) {
        const path = todo.message.match(/`([^`]+)`/)![1]!;
        // Someone other than the SIRO, whose example name is the same.
        const value = path === 'people.dpo.name' ? 'Dana Protection' : schemaAt(path.split('.'))!.examples![0];
        lines[todo.line! - 1] = lines[todo.line! - 1]!.replace('TODO', stringify(value, { collectionStyle: 'flow' }).trim());
      }
      writeFileSync(file, lines.join('\n'));
      return todos;
    };

    it('asks for the fields the family requires, as TODOs, and for nothing the family does not use', async () => {
      const { root } = await made();
      const { code, diagnostics } = await checkOn(root);
      expect(code).toBe(1);
      expect(diagnostics.every((d) => d.code === 'TODO_LEFT' && d.line && d.hint)).toBe(true);
      const asked = diagnostics.map((d) => d.message.match(/`([^`]+)`/)![1]!);
      // Every required field is asked for: itself, or a field inside it (a person's name or post).
      for (const field of required.filter((f) => f !== 'school.name')) expect(asked.some((a) => a === field || a.startsWith(`${field}.`))).toBe(true);
      for (const field of asked) expect(required.some((r) => field === r || field.startsWith(`${r}.`))).toBe(true);
    });

    it('passes check once the TODOs are filled in with the examples beside them', async () => {
      const { root, file } = await made();
      expect((await fillTodos(root, file)).length).toBeGreaterThan(0);
      expect(await checkOn(root)).toEqual({ code: 0, diagnostics: [] });
    });

    it('comments out only fields the family prints, each valid once its "# " is deleted', async () => {
      const { root, file } = await made();
      const text = readFileSync(file, 'utf8');
      // Every commented-out field but the two that name other files (a defaults file and a logo), and the editor's schema line.
      const uncommented = text.replace(/^( *)# ((?: *(?:- )?[a-z_][a-z_-]*:(?: .*)?)|(?: +- .*))$/gm, (line, pad: string, yaml: string) =>
        /^(defaults|logo|yaml-language-server):/.test(yaml.trim()) ? line : `${pad}${yaml}`,
      );
      expect(uncommented).not.toBe(text);
      writeFileSync(file, uncommented);
      await fillTodos(root, file);
      const { code, diagnostics } = await checkOn(root);
      expect(diagnostics).toEqual([]);
      expect(code).toBe(0);
      // The sections a school may turn on are offered too.
      const optional = family.sections.flatMap((sec) => sec.fields).filter((f) => /^sections\.[^.]+\.include$/.test(f));
      for (const field of optional) expect(uncommented).toContain(`\n  ${field.split('.')[1]}: { include: true }\n`);
    });
  });

  it('writes a name as YAML, on one line', async () => {
    const root = tempProject();
    await run(root, ['new', 'St Mary’s C of E:\n  East #2', '--slug', 'st-marys']);
    const text = readFileSync(join(root, 'schools/st-marys.yaml'), 'utf8');
    expect(text).toMatch(/^ {2}name: "St Mary’s C of E: East #2" +# \(required\)$/m);
    expect(text.split('\n')[1]).toBe('# St Mary’s C of E: East #2: data for the E-Security Policy (London Grid for Learning (LGfL)).');
  });

  it('writes nothing for a family with errors, and shows them', async () => {
    const root = tempProject();
    writeFileSync(join(root, 'templates/lgfl-e-security/family.yaml'), 'title: E-Security Policy\n');
    const result = await run(root, ['new', 'Oak Primary']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('templates/lgfl-e-security/family.yaml:1:1 error MISSING_FIELD `version` is required but missing');
    expect(result.stderr).toContain('no school file was written');
    expect(existsSync(join(root, 'schools/oak-primary.yaml'))).toBe(false);
  });

  it('names the families when asked for one that does not exist, and writes nothing', async () => {
    const root = tempProject();
    const result = await run(root, ['new', 'Oak Primary', '--template', 'lgfl-esecurity']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('there is no template family "lgfl-esecurity": did you mean lgfl-e-security?');
    expect(existsSync(join(root, 'schools/oak-primary.yaml'))).toBe(false);
  });

  it('refuses to overwrite an existing file', async () => {
    const root = tempProject({ 'schools/oak-primary.yaml': 'school:\n  name: Mine\n' });
    const again = await run(root, ['new', 'Oak Primary']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    expect(readFileSync(join(root, 'schools/oak-primary.yaml'), 'utf8')).toBe('school:\n  name: Mine\n');
    expect(existsSync(join(root, 'schools/oak-primary.yml'))).toBe(false);
  });
});

describe('review reminders', () => {
  const on = (date: string) => ({ SOURCE_DATE_EPOCH: String(Date.parse(`${date}T12:00:00Z`) / 1000) });
  const root = tempProject({ 'schools/test-primary.yaml': school() }); // next review: 2025-09

  it('is quiet while the review is in date', async () => {
    const { code, stderr } = await run(root, ['check'], on('2025-06-01'));
    expect(code).toBe(0);
    expect(stderr).not.toContain('REVIEW_');
  });

  it('warns within 60 days of the review', async () => {
    const { code, stdout } = await run(root, ['check', '--json'], on('2025-08-15'));
    expect(code).toBe(0);
    expect(JSON.parse(stdout).diagnostics).toMatchObject([{ code: 'REVIEW_DUE_SOON', severity: 'warning', file: 'schools/test-primary.yaml', line: 11 }]);
  });

  it('warns when overdue, and fails with --strict', async () => {
    const lenient = await run(root, ['check'], on('2025-10-01'));
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toContain('warning REVIEW_OVERDUE');
    const strict = await run(root, ['check', '--strict'], on('2025-10-01'));
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('error REVIEW_OVERDUE');
  });
});
