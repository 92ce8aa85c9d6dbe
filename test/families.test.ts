// The shared promises, checked over every template family in templates/, and what only families bring: requires, unused fields, cross-references.

import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Diagnostic } from '../src/diagnostics/index.ts';
import { loadProject, type Project } from '../src/project/loadProject.ts';
import { createNodeWorld } from '../src/project/World.ts';
import { listFamilies, loadFamily } from '../src/render/loadFamily.ts';
import type { Inline, PolicyDocument } from '../src/tree/types.ts';
import { schemaAt } from '../src/validate/schoolJsonSchema.ts';
import { toPlainText } from '../src/write/text/toPlainText.ts';
import { checkJson, REPO, run, school, tempProject } from './support/tempProject.ts';

const world = createNodeWorld(REPO);
const FAMILIES = listFamilies(world);
const HOLYWELL = readFileSync(join(REPO, 'schools/holywell-primary.yaml'), 'utf8');

let repo: Project;
/** The example schools of a family: schools/*.yaml that render with it. */
const examplesOf = (family: string) => repo.schools.filter((s) => repo.documents.get(s.slug)?.meta.family === family);

/** `check` on a project, without the warnings about review dates that today's date brings to an old policy. */
async function check(root: string): Promise<{ code: number; diagnostics: Diagnostic[] }> {
  const { code, diagnostics } = await checkJson(root);
  return { code, diagnostics: diagnostics.filter((d) => !d.code.startsWith('REVIEW_')) };
}

/** A temporary project with the real templates and trusts, and these school files. */
function project(files: Record<string, string>): string {
  const root = tempProject(files);
  cpSync(join(REPO, 'trusts'), join(root, 'trusts'), { recursive: true });
  return root;
}

function render(files: Record<string, string>): { doc: PolicyDocument | undefined; diagnostics: Diagnostic[] } {
  const loaded = loadProject(createNodeWorld(project(files)));
  return { doc: loaded.documents.values().next().value, diagnostics: loaded.diagnostics };
}

beforeAll(() => {
  repo = loadProject(world);
});

it('finds more than one family', () => {
  expect(FAMILIES).toEqual(expect.arrayContaining(['lgfl-e-security', 'herts-data-security']));
});

describe.each(FAMILIES)('family %s', (name) => {
  const family = loadFamily(world, name);

  it('loads without a diagnostic, with its metadata', () => {
    expect(family.diagnostics).toEqual([]);
    const { meta, sections } = family.value!;
    expect(meta.title).toBeTruthy();
    expect(meta.issued_by).toBeTruthy();
    expect(sections.map((s) => s.file.split('/').at(-1))).toEqual(meta.sections);
    for (const path of meta.requires ?? []) expect(schemaAt(path.split('.')), path).toBeDefined();
  });

  it('has example schools that check clean and render, with its attribution', () => {
    const examples = examplesOf(name);
    expect(examples.length).toBeGreaterThan(0);
    const own = new Set(examples.map((s) => s.file));
    expect(repo.diagnostics.filter((d) => d.file && own.has(d.file))).toEqual([]);
    for (const s of examples) {
      const text = toPlainText(repo.documents.get(s.slug)!);
      expect(text.startsWith(`${family.value!.meta.title}\n`)).toBe(true);
      if (family.value!.meta.attribution) expect(text.trimEnd().endsWith(family.value!.meta.attribution)).toBe(true);
    }
  });

  it('prints every value as the literal text typed (promise 1)', () => {
    const example = examplesOf(name)[0]!;
    const data = parse(readFileSync(join(REPO, example.file), 'utf8')) as Record<string, unknown>;
    const hostile = (i: number) => `H${i}x <b>{{constructor}}</b> *e* [l](javascript:z) &amp; {x}`;
    let count = 0;
    const taint = (node: unknown, path: string[]): unknown => {
      if (typeof node === 'string') {
        const schema = schemaAt(path) as { enum?: unknown[] } | undefined;
        const free = schema && !schema.enum && !/^(template|defaults|clauses|sections|approvals|policy|sign_off)$/.test(path[0]!) && !/^(last_reviewed|next_review|logo|accent_colour|network_logoff_time)$/.test(path.at(-1)!);
        return free ? hostile(count++) : node;
      }
      if (Array.isArray(node)) return node.map((v, i) => taint(v, [...path, String(i)]));
      if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, taint(v, [...path, k])]));
      return node;
    };
    const tainted = taint(data, []);
    const { doc, diagnostics } = render({ [`schools/${example.slug}.yaml`]: stringify(tainted) });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const text = toPlainText(doc!);
    const printed = Array.from({ length: count }, (_, i) => i).filter((i) => text.includes(`H${i}x `));
    expect(printed.length).toBeGreaterThan(2);
    for (const i of printed) expect(text).toContain(hostile(i));
    expect(JSON.stringify(doc)).not.toContain('javascript:z)"');
    expect(linksIn(doc!).every((l) => !l.url.includes('javascript'))).toBe(true);
  });

  it('reports an unknown field and a model-policy marker in its templates, at their line', async () => {
    const section = family.value!.sections.find((s) => s.source.includes('<Clause id="'))!;
    const lines = section.source.split('\n');
    const at = lines.findIndex((l) => /<Clause id="[^"]+">\S/.test(l));
    lines[at] = lines[at]!.replace(/(<Clause id="[^"]+">)/, '$1{{school.nam}} <in lockable locations and> ');
    const { diagnostics } = await check(project({ [section.file]: lines.join('\n'), [examplesOf(name)[0]!.file]: readFileSync(join(REPO, examplesOf(name)[0]!.file), 'utf8') }));
    expect(diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'TEMPLATE_UNKNOWN_FIELD', file: section.file, line: at + 1, hint: 'did you mean `school.name`?' }),
        expect.objectContaining({ code: 'MODEL_POLICY_MARKER', file: section.file, line: at + 1 }),
      ]),
    );
  });

  it.each(family.value?.meta.requires ?? [])('reports a school of the family without %s, where it belongs', async (path) => {
    const example = examplesOf(name)[0]!;
    const data = parse(readFileSync(join(REPO, example.file), 'utf8')) as Record<string, unknown>;
    const parts = path.split('.');
    let node = data;
    for (const step of parts.slice(0, -1)) node = (node[step] ??= {}) as Record<string, unknown>;
    delete node[parts.at(-1)!];
    const { code, diagnostics } = await check(project({ [example.file]: stringify(data) }));
    expect(code).toBe(1);
    const missing = diagnostics.filter((d) => d.code === 'MISSING_FIELD');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ file: example.file, severity: 'error' });
    expect(missing[0]!.line).toBeGreaterThan(0);
    // The field, or the group holding it when the school lacks the whole group.
    const reported = missing[0]!.message.match(/`([^`]+)`/)![1]!;
    expect(path === reported || path.startsWith(`${reported}.`)).toBe(true);
  });
});

describe('fields and families', () => {
  it('warns about a field the school sets that its family never uses, at the field', async () => {
    const edited = `${HOLYWELL}asset_register:\n  - category: Pupil data\n    assets:\n      - { asset: Pupil records, owner: Head, data_entry: Office, purpose: Records }\nlockout_minutes: 10\n`;
    const { code, diagnostics } = await check(project({ 'schools/holywell-primary.yaml': edited }));
    expect(code).toBe(0);
    const lines = edited.split('\n');
    expect(diagnostics.filter((d) => d.code === 'FIELD_NOT_USED_BY_FAMILY')).toEqual([
      expect.objectContaining({ severity: 'warning', message: '`asset_register` is not used by the herts-data-security template', line: lines.indexOf('asset_register:') + 1, column: 1 }),
      expect.objectContaining({ severity: 'warning', message: '`lockout_minutes` is not used by the herts-data-security template', line: lines.indexOf('lockout_minutes: 10') + 1 }),
    ]);
  });

  it('warns about a part of a group its family does not use, and not about the parts it does', async () => {
    const edited = school((y) => `${y}passwords:\n  change_frequency: every term\n  min_length: 8\nnetwork_logoff_time: "19.00"\n`);
    const { diagnostics } = await check(project({ 'schools/test-primary.yaml': edited }));
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['FIELD_NOT_USED_BY_FAMILY', '`passwords.min_length` is not used by the lgfl-e-security template'],
      ['FIELD_NOT_USED_BY_FAMILY', '`network_logoff_time` is not used by the lgfl-e-security template'],
    ]);
  });

  it('leaves values inherited from a defaults file alone: a trust serves schools of several families', async () => {
    const trust = 'backup:\n  provider: RedStor\nlockout_minutes: 5\n';
    const { diagnostics } = await check(project({ 'trusts/mixed.yaml': trust, 'schools/holywell-primary.yaml': HOLYWELL.replace('template: herts-data-security', 'template: herts-data-security\ndefaults: ../trusts/mixed.yaml') }));
    expect(diagnostics).toEqual([]);
  });

  it('requires a family’s field only of that family’s schools', async () => {
    const { diagnostics } = await check(project({ 'schools/test-primary.yaml': school(), 'schools/holywell-primary.yaml': HOLYWELL.replace(/\nnetwork_logoff_time: .*\n/, '\n') }));
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'MISSING_FIELD', file: 'schools/holywell-primary.yaml', line: HOLYWELL.split('\n').findIndex((l) => /^\w/.test(l)) + 1, column: 1, message: '`network_logoff_time` is required by the herts-data-security template but missing' })]);
  });

  it('says a misspelt group holding a field the family requires is needed, once', async () => {
    const edited = HOLYWELL.replace('  network_manager:', '  network_manger:');
    const { diagnostics } = await check(project({ 'schools/holywell-primary.yaml': edited }));
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_KEY', line: edited.split('\n').indexOf('  network_manger:') + 1, hint: 'did you mean `network_manager`? The herts-data-security template requires it, and it is missing.' }),
    ]);
  });

  it('reports a school of one family missing what the other family requires, with every other problem at once', async () => {
    const { diagnostics } = await check(project({ 'schools/bare.yaml': 'template: herts-data-security\nschool:\n  name: Bare\n' }));
    const missing = diagnostics.filter((d) => d.code === 'MISSING_FIELD').map((d) => d.message.match(/`([^`]+)`/)![1]);
    expect(missing.sort()).toEqual(['network_logoff_time', 'passwords', 'people', 'review', 'systems'].sort());
  });
});

describe('family.yaml', () => {
  const META = readFileSync(join(REPO, 'templates/lgfl-e-security/family.yaml'), 'utf8');
  const misspelt = (edit: (yaml: string) => string) => project({ 'schools/test-primary.yaml': school(), 'templates/lgfl-e-security/family.yaml': edit(META) });

  it('suggests family.yaml’s own fields for an unknown one, once for a misspelt required field, with a code frame', async () => {
    const root = misspelt((y) => y.replace(/^title:/m, 'titel:').replace(/^attribution:.*\n/m, '').replace(/^version:/m, 'atribution: x\nversion:'));
    const lines = readFileSync(join(root, 'templates/lgfl-e-security/family.yaml'), 'utf8').split('\n');
    const { code, diagnostics } = await checkJson(root);
    expect(code).toBe(1);
    const mine = diagnostics.filter((d) => d.file === 'templates/lgfl-e-security/family.yaml');
    expect(mine).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_KEY', line: lines.findIndex((l) => l.startsWith('titel:')) + 1, column: 1, hint: 'did you mean `title`? It is required, and missing.' }),
      expect.objectContaining({ code: 'UNKNOWN_KEY', line: lines.findIndex((l) => l.startsWith('atribution:')) + 1, column: 1, hint: 'did you mean `attribution`?' }),
    ]);
    // Printed with the line itself, as a school file's problems are.
    const printed = await run(root, ['check']);
    expect(printed.stderr).toMatch(/> +\d+ \| titel: E-Security Policy\n/);
  });

  it('gives a missing field of family.yaml its example', async () => {
    const { diagnostics } = await checkJson(misspelt((y) => y.replace(/^issued_by:.*\n/m, '')));
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'MISSING_FIELD', file: 'templates/lgfl-e-security/family.yaml', hint: 'add `issued_by:`, e.g. `London Grid for Learning (LGfL)`' })]);
  });
});

describe('the information risk actions form', () => {
  it('is a table of the school’s rows, and a blank form without them', () => {
    const rows = 'information_risks:\n  - asset: Pupil records in the MIS\n    owner: School Business Manager\n    protective_marking: Protect\n    likelihood: medium\n    overall_risk: high\n    actions: Encrypt laptops.\n';
    const filled = render({ 'schools/holywell-primary.yaml': HOLYWELL + rows }).doc!;
    expect(toPlainText(filled)).toContain('Pupil records in the MIS | School Business Manager | Protect | medium | high | Encrypt laptops.');
    const blank = repo.documents.get('holywell-primary')!;
    expect(toPlainText(blank)).toMatch(/Information Asset \| Information Asset Owner \| Protective Marking \| Likelihood \| Overall risk level \(low, medium, high\) \| Action\(s\) to minimise risk\n/);
  });

  it('checks its values', async () => {
    const { diagnostics } = await check(project({ 'schools/holywell-primary.yaml': `${HOLYWELL}information_risks:\n  - { asset: A, owner: B, protective_marking: Secret, likelihood: low, overall_risk: low, actions: C }\n` }));
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'INVALID_CHOICE', line: HOLYWELL.split('\n').length + 1 })]);
  });
});

describe('cross-references', () => {
  const SECTION = 'templates/herts-data-security/school-ict-equipment.mdx';
  const source = readFileSync(join(REPO, SECTION), 'utf8');

  it('link to the section, with its title as the words', () => {
    const doc = repo.documents.get('holywell-primary')!;
    const link = linksIn(doc).find((l) => l.url === '#removable-media-transfer')!;
    expect(link.children).toEqual([{ type: 'text', value: 'Storing/transferring personal, sensitive, confidential or classified information using removable media' }]);
    expect(toPlainText(doc)).not.toContain('Error!');
  });

  it('follow a title the school changes', () => {
    const { doc } = render({ 'schools/holywell-primary.yaml': `${HOLYWELL}sections:\n  removable-media-transfer: { title: Removable media and personal data }\n` });
    expect(toPlainText(doc!)).toContain("please refer to the section 'Removable media and personal data'");
  });

  it('to an id the family does not have is a template error at the link', async () => {
    const edited = source.replace('(#removable-media-transfer)', '(#removable-media-transfers)');
    const { diagnostics } = await check(project({ [SECTION]: edited, 'schools/holywell-primary.yaml': HOLYWELL }));
    const line = edited.split('\n').findIndex((l) => l.includes('#removable-media-transfers')) + 1;
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'TEMPLATE_LINK_TARGET', file: SECTION, line, hint: 'did you mean "#removable-media-transfer"?' })]);
  });

  it('to a section the school leaves out is an error at the `omit` entry', async () => {
    const edited = `${HOLYWELL}clauses:\n  omit: [removable-media-transfer]\n`;
    const { diagnostics } = await check(project({ 'schools/holywell-primary.yaml': edited }));
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'LINK_TARGET_MISSING', file: 'schools/holywell-primary.yaml', line: edited.split('\n').length - 1 })]);
  });
});

function linksIn(doc: PolicyDocument): Extract<Inline, { type: 'link' }>[] {
  const out: Extract<Inline, { type: 'link' }>[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const n = node as { type?: string; children?: unknown; items?: unknown; groups?: unknown; rows?: unknown; cells?: unknown };
      if (n.type === 'link') out.push(n as Extract<Inline, { type: 'link' }>);
      for (const key of ['children', 'items', 'groups', 'rows', 'cells'] as const) if (key in n) visit(n[key]);
    }
  };
  visit(doc.children);
  return out;
}
