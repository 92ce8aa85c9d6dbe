// templates/<family>/ → the family's metadata and its section templates, parsed, checked and compiled once.

import Handlebars from 'handlebars';
import { didYouMean, type Diagnostic } from '../diagnostics/index.ts';
import { decodeText } from '../load/decodeText.ts';
import { parseYamlFile, pathKey } from '../load/parseYamlFile.ts';
import type { World } from '../project/World.ts';
import { issueToDiagnostics, type Locator } from '../validate/toDiagnostics.ts';
import { schemaAt } from '../validate/schoolJsonSchema.ts';
import { checkTemplate, type InternalLink } from './checkTemplate.ts';
import { familyJsonSchema, type FamilyMeta, FamilySchema } from './FamilySchema.ts';

export interface TemplateSection {
  file: string;
  source: string;
  /** The school fields this section reads (see checkTemplate). */
  fields: string[];
  /** The fields it reads with everything inside them (see checkTemplate). */
  wholeFields: string[];
  /** Its internal links, `[text](#id)`. */
  links: InternalLink[];
  /** Renders the section to MDX in which every value is a token (see tokens.ts). */
  render: (context: unknown, runtime: Handlebars.RuntimeOptions) => string;
}

export interface TemplateFamily {
  name: string;
  meta: FamilyMeta;
  sections: TemplateSection[];
  /** Every clause and section id any school of this family may get. */
  ids: Set<string>;
  /** Its clauses in the order they print, each with the id of the section it is in. */
  clauses: { id: string; section: string | undefined }[];
}

export const TEMPLATES_DIR = 'templates';

export function listFamilies(world: World): string[] {
  return world.listDir(TEMPLATES_DIR).filter((name) => world.isDirectory(`${TEMPLATES_DIR}/${name}`));
}

/** A family's templates, its problems, and family.yaml's text (for their code frames: the sections' texts are in `value`). */
export function loadFamily(world: World, name: string): { value: TemplateFamily | undefined; diagnostics: Diagnostic[]; sources: Map<string, string> } {
  const dir = `${TEMPLATES_DIR}/${name}`;
  const metaFile = `${dir}/family.yaml`;
  const bytes = world.readFile(metaFile);
  if (!bytes) {
    return { value: undefined, diagnostics: [{ code: 'UNKNOWN_TEMPLATE', severity: 'error', message: `there is no template family "${name}" (no ${metaFile})`, file: metaFile }], sources: new Map() };
  }
  const parsed = parseYamlFile(bytes, metaFile);
  const diagnostics = [...parsed.diagnostics];
  const sources = new Map(parsed.text === undefined ? [] : [[metaFile, parsed.text]]);
  if (!parsed.value) return { value: undefined, diagnostics, sources };
  const meta = FamilySchema.safeParse(parsed.value.data);
  if (!meta.success) {
    const locator: Locator = { locations: parsed.value.locations, file: metaFile, schema: familyJsonSchema() };
    diagnostics.push(...meta.error.issues.flatMap((issue) => issueToDiagnostics(issue, locator, parsed.value!.data)));
    return { value: undefined, diagnostics, sources };
  }

  const sections: TemplateSection[] = [];
  const ids = new Set<string>();
  const clauses: TemplateFamily['clauses'] = [];
  meta.data.sections.forEach((fileName, index) => {
    const file = `${dir}/${fileName}`;
    const raw = world.readFile(file);
    if (!raw) {
      const at = parsed.value!.locations.get(pathKey(['sections', index]))?.value;
      diagnostics.push({ code: 'FILE_NOT_FOUND', severity: 'error', message: `${file} is listed in family.yaml but does not exist`, file: metaFile, line: at?.line, column: at?.column });
      return;
    }
    const decoded = decodeText(raw, file);
    if (decoded.text === undefined) {
      diagnostics.push(decoded.diagnostic!);
      return;
    }
    const source = decoded.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    const section = compileSection(source, file, diagnostics);
    if (section) sections.push(section);
    let inSection: string | undefined;
    for (const [, element, id] of source.matchAll(/<(Clause|Section)\b[^>]*?\bid="([^"]+)"/g)) {
      ids.add(id!);
      if (element === 'Section') inSection = id;
      else clauses.push({ id: id!, section: inSection });
    }
  });
  for (const section of sections) {
    for (const link of section.links) {
      if (ids.has(link.id)) continue;
      const guess = didYouMean(link.id, [...ids]);
      diagnostics.push({ code: 'TEMPLATE_LINK_TARGET', severity: 'error', message: `the link to "#${link.id}" names no section or clause of ${name}`, hint: guess ? `did you mean "#${guess}"?` : 'link to a <Section id> or <Clause id> of this family', file: section.file, line: link.line, column: link.column });
    }
  }
  (meta.data.requires ?? []).forEach((path, index) => {
    if (schemaAt(path.split('.'))) return;
    const at = parsed.value!.locations.get(pathKey(['requires', index]))?.value;
    diagnostics.push({ code: 'UNKNOWN_FIELD', severity: 'error', message: `family.yaml requires \`${path}\`, which the school schema does not have`, file: metaFile, line: at?.line, column: at?.column, hint: 'name a field of the school schema (`npx policy-press schema`), dotted: people.dpo' });
  });
  return { value: { name, meta: meta.data, sections, ids, clauses }, diagnostics, sources };
}

function compileSection(source: string, file: string, diagnostics: Diagnostic[]): TemplateSection | undefined {
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(source);
  } catch (error) {
    const message = (error as Error).message;
    const line = Number(/on line (\d+)/.exec(message)?.[1] ?? 1);
    diagnostics.push({ code: 'TEMPLATE_SYNTAX', severity: 'error', message: `Handlebars syntax error: ${message.split('\n').at(-1)}`, file, line, column: 1, hint: 'check that every {{#if}} / {{#each}} has its {{/if}} / {{/each}}' });
    return undefined;
  }
  const { diagnostics: problems, fields, wholeFields, links } = checkTemplate(program, source, file);
  diagnostics.push(...problems);
  if (problems.some((d) => d.severity === 'error')) return undefined;
  const render = Handlebars.compile(wrapOutputs(program, file), { strict: false, knownHelpersOnly: false, noEscape: false });
  return { file, source, fields, wholeFields, links, render };
}

/**
 * Every {{expr}} becomes {{{__value expr at="file:line:col"}}}: the __value
 * helper swaps the value for a token (and reports a value the school did not
 * set), so Handlebars' own HTML escaping never applies and never could be
 * relied on.
 */
function wrapOutputs(program: hbs.AST.Program, file: string): hbs.AST.Program {
  const wrap = (m: hbs.AST.MustacheStatement): hbs.AST.MustacheStatement => {
    const inner: hbs.AST.Expression =
      m.params.length > 0 || (m.hash?.pairs.length ?? 0) > 0
        ? ({ type: 'SubExpression', path: m.path, params: m.params, hash: m.hash, loc: m.loc } as hbs.AST.SubExpression)
        : (m.path as hbs.AST.Expression);
    const where = { type: 'StringLiteral', value: `${file}:${m.loc.start.line}:${m.loc.start.column + 1}`, original: '', loc: m.loc } as hbs.AST.StringLiteral;
    return {
      ...m,
      path: { type: 'PathExpression', data: false, depth: 0, parts: ['__value'], original: '__value', loc: m.loc } as hbs.AST.PathExpression,
      params: [inner],
      hash: { type: 'Hash', pairs: [{ type: 'HashPair', key: 'at', value: where, loc: m.loc } as hbs.AST.HashPair], loc: m.loc } as hbs.AST.Hash,
      escaped: false,
    };
  };
  const visit = (p: hbs.AST.Program | undefined): void => {
    if (!p) return;
    p.body = p.body.map((s: hbs.AST.Statement) => {
      if (s.type === 'MustacheStatement') return wrap(s as hbs.AST.MustacheStatement);
      if (s.type === 'BlockStatement') {
        visit((s as hbs.AST.BlockStatement).program);
        visit((s as hbs.AST.BlockStatement).inverse);
      }
      return s;
    });
  };
  visit(program);
  return program;
}
