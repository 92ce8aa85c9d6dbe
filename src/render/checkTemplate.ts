// Static checks of one template file: every field it names exists, every helper is known, no markers, valid MDX.

import { unified } from 'unified';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { didYouMean, type Diagnostic } from '../diagnostics/index.ts';
import { type JsonSchema, schemaAt, schoolJsonSchema } from '../validate/schoolJsonSchema.ts';
import { HELPERS } from './helpers.ts';
import { findMarkers, MARKER_HINT } from './markers.ts';

const BLOCK_HELPERS = new Set(['if', 'unless', 'each', 'with']);

/** A context a template path is resolved in: the schema node and its data path from the school's root. */
interface Frame {
  schema: JsonSchema;
  prefix: string[];
}

export interface TemplateCheck {
  diagnostics: Diagnostic[];
  /** Every school field the template reads, dotted, `[]` for list items (e.g. `asset_register[].category`). */
  fields: string[];
  /**
   * The fields it reads whole, with everything inside them: printed, passed to a helper
   * (`{{person people.siro}}` reads the name and the role) or given to a component. A field
   * only tested with {{#if}} or walked with {{#each}} is not read whole.
   */
  wholeFields: string[];
  /** Internal links (`[text](#id)`) and where they are, for the family to check their targets. */
  links: InternalLink[];
}

export interface InternalLink {
  id: string;
  line: number;
  column: number;
}

/** The school fields each component reads, whole. */
export const COMPONENT_FIELDS: Record<string, string[]> = {
  AssetRegister: ['asset_register', 'school.name'],
  InformationRisks: ['information_risks', 'school.name'],
  ReviewDetails: ['school.name', 'review.last_reviewed', 'review.next_review', 'review.reviewed_by'],
};

export function checkTemplate(program: hbs.AST.Program, source: string, file: string): TemplateCheck {
  const diagnostics: Diagnostic[] = [];
  const fields = new Set<string>();
  const wholeFields = new Set<string>();
  const root: Frame = { schema: schoolJsonSchema() as JsonSchema, prefix: [] };
  const at = (loc: hbs.AST.SourceLocation | undefined, code: string, message: string, hint?: string) =>
    diagnostics.push({ code, severity: 'error', message, hint, file, line: loc?.start.line ?? 1, column: (loc?.start.column ?? 0) + 1, endLine: loc?.end.line, endColumn: (loc?.end.column ?? 0) + 1 });

  /** The schema of a path in a context stack (innermost last), or undefined when unknown. */
  const resolve = (path: hbs.AST.PathExpression, stack: Frame[]): Frame | 'meta' | undefined => {
    if (path.data) return 'meta'; // @index, @first, @last, @key
    const context = stack[stack.length - 1 - path.depth];
    if (!context) return undefined;
    const schema = path.parts.length === 0 ? context.schema : schemaAt(path.parts, context.schema);
    return schema && { schema, prefix: [...context.prefix, ...path.parts] };
  };

  const checkPath = (path: hbs.AST.PathExpression, stack: Frame[], use: 'text' | 'condition' | 'list' | 'context' | 'argument'): Frame | undefined => {
    const frame = resolve(path, stack);
    if (frame === 'meta') return undefined;
    if (!frame) {
      const context = stack[stack.length - 1 - path.depth];
      const known = context ? knownFields(context.schema, path.parts) : [];
      const guess = didYouMean(path.parts.at(-1) ?? '', known);
      at(path.loc, 'TEMPLATE_UNKNOWN_FIELD', `the template uses \`${path.original}\`, which the school schema does not have`, guess ? `did you mean \`${[...path.parts.slice(0, -1), guess].join('.')}\`?` : known.length ? `fields here: ${known.join(', ')}` : undefined);
      return undefined;
    }
    if (frame.prefix.length) {
      const field = frame.prefix.join('.').replace(/\.\[\]/g, '[]');
      fields.add(field);
      if (use === 'text' || use === 'argument') wholeFields.add(field);
    }
    const kind = schemaKind(frame.schema);
    if (use === 'text' && (kind === 'object' || kind === 'array')) {
      at(path.loc, 'TEMPLATE_NOT_TEXT', `\`${path.original}\` is ${kind === 'array' ? 'a list' : 'a group of fields'} and cannot be printed as it is`, kind === 'array' ? `use {{list ${path.original}}} or {{#each ${path.original}}}` : `print one of its fields, or use {{person ${path.original}}} for a person`);
    }
    if (use === 'list' && kind !== 'array' && kind !== 'object') {
      at(path.loc, 'TEMPLATE_NOT_A_LIST', `\`${path.original}\` is not a list, so {{#each}} cannot walk it`);
    }
    return frame;
  };

  const checkExpression = (expr: hbs.AST.Expression, stack: Frame[], use: 'text' | 'condition' | 'argument'): void => {
    if (expr.type === 'PathExpression') checkPath(expr as hbs.AST.PathExpression, stack, use);
    else if (expr.type === 'SubExpression') checkCall(expr as hbs.AST.SubExpression, stack);
  };

  const checkCall = (node: hbs.AST.MustacheStatement | hbs.AST.SubExpression, stack: Frame[]): void => {
    const name = (node.path as hbs.AST.PathExpression).original;
    const spec = HELPERS[name];
    if (!spec) {
      at(node.loc, 'TEMPLATE_UNKNOWN_HELPER', `unknown helper \`${name}\``, `the helpers are: ${Object.keys(HELPERS).join(', ')}`);
      return;
    }
    if (node.params.length !== spec.arity) {
      at(node.loc, 'TEMPLATE_HELPER_ARGUMENTS', `\`${name}\` takes ${spec.arity} argument${spec.arity === 1 ? '' : 's'}, not ${node.params.length}`);
    }
    node.params.forEach((param: hbs.AST.Expression) => checkExpression(param, stack, 'argument'));
    for (const pair of node.hash?.pairs ?? []) checkExpression(pair.value, stack, 'argument');
  };

  const visitProgram = (program: hbs.AST.Program | undefined, stack: Frame[]): void => {
    for (const statement of program?.body ?? []) visitStatement(statement, stack);
  };

  const visitStatement = (statement: hbs.AST.Statement, stack: Frame[]): void => {
    switch (statement.type) {
      case 'ContentStatement': {
        const content = statement as hbs.AST.ContentStatement;
        // @types/handlebars mistypes `original`; at run time it is the unstripped source text.
        const original = content.original as unknown as string;
        for (const hit of findMarkers(original)) {
          const before = original.slice(0, hit.index).split('\n');
          const line = content.loc.start.line + before.length - 1;
          const column = before.length === 1 ? content.loc.start.column + hit.index + 1 : before.at(-1)!.length + 1;
          diagnostics.push({ code: 'MODEL_POLICY_MARKER', severity: 'error', message: `leftover model-policy marker ${JSON.stringify(hit.text)}`, hint: MARKER_HINT, file, line, column, endLine: line, endColumn: column + hit.text.length });
        }
        break;
      }
      case 'MustacheStatement': {
        const m = statement as hbs.AST.MustacheStatement;
        if (!m.escaped) at(m.loc, 'TEMPLATE_RAW_OUTPUT', 'triple braces {{{…}}} are not allowed: every value is printed as literal text', 'use {{…}}');
        if (m.path.type !== 'PathExpression') {
          at(m.loc, 'TEMPLATE_LITERAL_OUTPUT', 'a mustache must name a field or a helper');
        } else if (m.params.length > 0 || (m.hash?.pairs.length ?? 0) > 0 || HELPERS[(m.path as hbs.AST.PathExpression).original]) {
          checkCall(m, stack);
        } else {
          checkPath(m.path as hbs.AST.PathExpression, stack, 'text');
        }
        break;
      }
      case 'BlockStatement': {
        const b = statement as hbs.AST.BlockStatement;
        const name = (b.path as hbs.AST.PathExpression).original;
        if (!BLOCK_HELPERS.has(name)) {
          at(b.loc, 'TEMPLATE_UNKNOWN_HELPER', `unknown block helper \`#${name}\``, 'use #if, #unless, #each or #with');
          visitProgram(b.program, stack);
          visitProgram(b.inverse, stack);
          break;
        }
        if ((b.program.blockParams?.length ?? 0) > 0) at(b.loc, 'TEMPLATE_UNSUPPORTED', 'block parameters (as |x|) are not supported', 'use `this` inside {{#each}}');
        const [subject] = b.params;
        if (!subject || b.params.length !== 1) {
          at(b.loc, 'TEMPLATE_HELPER_ARGUMENTS', `#${name} takes one argument`);
          break;
        }
        if (name === 'each' || name === 'with') {
          const frame = subject.type === 'PathExpression' ? checkPath(subject as hbs.AST.PathExpression, stack, name === 'each' ? 'list' : 'context') : undefined;
          const item = frame && name === 'each' ? (frame.schema.items ?? (typeof frame.schema.additionalProperties === 'object' ? frame.schema.additionalProperties : undefined)) : frame?.schema;
          const inner = frame && item ? { schema: item, prefix: name === 'each' ? [...frame.prefix, '[]'] : frame.prefix } : undefined;
          visitProgram(b.program, inner ? [...stack, inner] : stack);
        } else {
          checkExpression(subject, stack, 'condition');
          visitProgram(b.program, stack);
        }
        visitProgram(b.inverse, stack);
        break;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
      case 'DecoratorBlock':
      case 'Decorator':
        at((statement as hbs.AST.Node).loc, 'TEMPLATE_UNSUPPORTED', 'partials and decorators are not supported', 'put shared wording in its own section file');
        break;
      default:
        break; // comments
    }
  };

  visitProgram(program, [root]);
  diagnostics.push(...checkMdxSyntax(source, file));
  for (const [component, read] of Object.entries(COMPONENT_FIELDS)) {
    if (!new RegExp(`<${component}\\b`).test(source)) continue;
    for (const field of read) {
      fields.add(field);
      wholeFields.add(field);
    }
  }
  return { diagnostics, fields: [...fields].sort(), wholeFields: [...wholeFields].sort(), links: internalLinks(source) };
}

/** `[text](#id)` and `[](#id)` in the template; `[text](https://…)` is not internal. */
function internalLinks(source: string): InternalLink[] {
  const out: InternalLink[] = [];
  for (const m of source.matchAll(/\]\(#([^)\s]*)\)/g)) {
    const before = source.slice(0, m.index + 2).split('\n');
    out.push({ id: m[1]!, line: before.length, column: before.at(-1)!.length + 1 });
  }
  return out;
}

function knownFields(context: JsonSchema, parts: string[]): string[] {
  const parent = parts.length > 1 ? schemaAt(parts.slice(0, -1), context) : context;
  return parent?.properties ? Object.keys(parent.properties) : [];
}

function schemaKind(schema: JsonSchema): string | undefined {
  if (schema.anyOf) return schemaKind(schema.anyOf[0]!);
  if (schema.properties || schema.additionalProperties) return 'object';
  return Array.isArray(schema.type) ? schema.type[0] : schema.type;
}

/**
 * MDX syntax is checked on the template itself, with each {{…}} blanked out
 * character for character, so that a syntax error points at the template's
 * own line and column rather than at rendered output.
 */
export function checkMdxSyntax(source: string, file: string): Diagnostic[] {
  const blanked = source.replace(/\{\{!--[\s\S]*?--\}\}|\{\{[\s\S]*?\}\}/g, (m) => (m.startsWith('{{#') || m.startsWith('{{/') || m.startsWith('{{else') || m.startsWith('{{!') ? m.replace(/[^\n]/g, ' ') : `x${m.slice(1).replace(/[^\n]/g, ' ')}`));
  try {
    unified().use(remarkParse).use(remarkMdx).parse(blanked);
    return [];
  } catch (error) {
    const e = error as { line?: number; column?: number; reason?: string; message: string };
    return [{ code: 'TEMPLATE_MDX_SYNTAX', severity: 'error', message: `MDX syntax error: ${e.reason ?? e.message}`, hint: 'components are <Section>, <List>, <Clause>, <AssetRegister />, <InformationRisks /> and <ReviewDetails />; a literal "<" or "{" must be written as &lt; or &#123;', file, line: e.line ?? 1, column: e.column ?? 1 }];
  }
}
