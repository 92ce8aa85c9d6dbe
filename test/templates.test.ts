// Template checks at `check` time: unknown fields anywhere, helpers, markers, MDX syntax — with file and line.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkJson, REPO, school, tempProject } from './support/tempProject.ts';

const FAMILY = 'templates/lgfl-e-security';
const SECTION = `${FAMILY}/technical-or-manual-solutions.mdx`;
const original = readFileSync(join(REPO, SECTION), 'utf8');

/** The real templates with one section file's text edited, and a valid school. */
async function withSection(edit: (mdx: string) => string) {
  const root = tempProject({ 'schools/test-primary.yaml': school(), [SECTION]: edit(original) });
  return checkJson(root);
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('template checks', () => {
  it('passes the shipped templates', async () => {
    const { code, diagnostics } = await withSection((m) => m);
    expect(diagnostics).toEqual([]);
    expect(code).toBe(0);
  });

  it('reports an unknown field in plain text with a did-you-mean', async () => {
    const edited = original.replace('{{backup.provider}}', '{{backup.provder}}');
    const { code, diagnostics } = await withSection(() => edited);
    expect(code).toBe(1);
    expect(diagnostics).toMatchObject([{ code: 'TEMPLATE_UNKNOWN_FIELD', file: SECTION, line: lineOf(edited, 'backup.provder'), hint: 'did you mean `backup.provider`?' }]);
  });

  it.each([
    ['inside {{#if}}', '{{#if systems.remote_access}}', '{{#if systems.remote_acess}}', 'systems.remote_acess'],
    ['inside {{#each}}', '<Clause id="secure-areas">', '{{#each asset_register}}{{categry}}{{/each}}<Clause id="secure-areas">', 'categry'],
    ['as a helper argument', '{{minutes lockout_minutes}}', '{{minutes lockout_minute}}', 'lockout_minute'],
  ])('reports an unknown field %s', async (_where, from, to, field) => {
    const edited = original.replace(from, to);
    const { diagnostics } = await withSection(() => edited);
    const d = diagnostics.find((x) => x.code === 'TEMPLATE_UNKNOWN_FIELD')!;
    expect(d.message).toContain(field);
    expect(d).toMatchObject({ file: SECTION, line: lineOf(edited, field) });
  });

  it('resolves fields inside {{#each}} against the list item', async () => {
    const { diagnostics } = await withSection((m) => m.replace('<Clause id="secure-areas">', '{{#each asset_register}}{{#each assets}}{{owner}}{{/each}}{{/each}}<Clause id="secure-areas">'));
    expect(diagnostics).toEqual([]);
  });

  it('reports an unknown helper and a group printed as text', async () => {
    const { diagnostics } = await withSection((m) => m.replace('{{minutes lockout_minutes}}', '{{shout lockout_minutes}} {{backup}}'));
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['TEMPLATE_NOT_TEXT', 'TEMPLATE_UNKNOWN_HELPER']);
  });

  it('reports a leftover model-policy marker with its column', async () => {
    const edited = original.replace('managed by DBS-checked staff.', 'managed by DBS-checked staff. <Back-ups are encrypted> [Check with your IT provider]');
    const { diagnostics } = await withSection(() => edited);
    const markers = diagnostics.filter((d) => d.code === 'MODEL_POLICY_MARKER');
    expect(markers.map((d) => d.message)).toEqual([expect.stringContaining('<Back-ups are encrypted>'), expect.stringContaining('[Check with your IT provider]')]);
    const line = edited.split('\n')[markers[0]!.line! - 1]!;
    expect(line.slice(markers[1]!.column! - 1)).toMatch(/^\[Check with/);
  });

  it('reports lower-case <…> and [Note …] markers at their line and column', async () => {
    const edited = original.replace('All servers are ', 'All servers are <in lockable locations and> ').replace('Paper based sensitive', '[Note this is optional] Paper based sensitive');
    const { diagnostics } = await withSection(() => edited);
    const line = lineOf(edited, '<in lockable');
    const column = edited.split('\n')[line - 1]!.indexOf('<in lockable') + 1;
    expect(diagnostics.filter((d) => d.code === 'MODEL_POLICY_MARKER')).toMatchObject([
      { file: SECTION, line, column },
      { file: SECTION, line: lineOf(edited, '[Note this') },
    ]);
  });

  it('reports an MDX syntax error at the template line', async () => {
    const edited = original.replace('<Clause id="lockout">', '<Clause id="lockout"');
    const { diagnostics } = await withSection(() => edited);
    expect(diagnostics[0]).toMatchObject({ code: 'TEMPLATE_MDX_SYNTAX', file: SECTION });
    expect(diagnostics[0]!.line).toBeGreaterThanOrEqual(lineOf(edited, '<Clause id="lockout"'));
  });

  it('reports a Handlebars syntax error', async () => {
    const { diagnostics } = await withSection((m) => m.replace('{{/if}}', ''));
    expect(diagnostics[0]).toMatchObject({ code: 'TEMPLATE_SYNTAX', file: SECTION });
  });

  it('refuses triple braces', async () => {
    const { diagnostics } = await withSection((m) => m.replace('{{backup.provider}}', '{{{backup.provider}}}'));
    expect(diagnostics.map((d) => d.code)).toEqual(['TEMPLATE_RAW_OUTPUT']);
  });
});

describe("markers in a school's own clauses", () => {
  const custom = (clauses: string) => checkJson(tempProject({ 'schools/test-primary.yaml': `${school()}clauses:\n${clauses}` }));

  it('reports a marker in a replaced clause at the YAML value', async () => {
    const { code, diagnostics } = await custom('  replace:\n    servers: All servers are <in lockable locations and> managed.\n');
    expect(code).toBe(1);
    expect(diagnostics).toMatchObject([{ code: 'MODEL_POLICY_MARKER', file: 'schools/test-primary.yaml', line: 18, column: 14 }]);
  });

  it('reports a marker in an added clause', async () => {
    const { diagnostics } = await custom('  add:\n    - section: technical\n      text: "[Check with the bursar] Laptops are encrypted."\n');
    expect(diagnostics).toMatchObject([{ code: 'MODEL_POLICY_MARKER', line: 19, column: 13 }]);
  });

  it('lets field values such as names hold brackets', async () => {
    const root = tempProject({ 'schools/test-primary.yaml': school((y) => y.replace('name: Dana Protection', 'name: "<Dana> [Check] Protection"')) });
    expect((await checkJson(root)).diagnostics).toEqual([]);
  });

  it('reports an unknown clause id with a did-you-mean', async () => {
    const { diagnostics } = await custom('  omit: [shreding]\n');
    expect(diagnostics).toMatchObject([{ code: 'UNKNOWN_CLAUSE', line: 17, hint: 'did you mean "shredding"?' }]);
  });
});
