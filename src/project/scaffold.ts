// `policy-press new`'s school file for a template family, made from the school schema (its fields,
// descriptions and examples) and from what the family's templates read and require.

import { Document, isScalar, visit } from 'yaml';
import { fieldUsage, requiredFields } from '../render/checkFamilyFields.ts';
import type { TemplateFamily } from '../render/loadFamily.ts';
import { type JsonSchema, SCHEMA_PATH, schoolJsonSchema } from '../validate/schoolJsonSchema.ts';

/** Where an explanation starts beside a value, as in the example school files. */
const COMMENT_COLUMN = 40;
/** A line longer than this puts its explanation on the lines above instead. */
const MAX_LINE = 100;
const WRAP = 80;

/**
 * Every field the family's policy prints, and no other: the ones a school must give hold TODO (which
 * `check` reports until they are filled in), the others are commented out with an example, each with
 * its explanation from the schema. So the file passes `check` once the TODOs are filled in, and
 * warns of no field the family does not use.
 */
export function scaffold(name: string, family: TemplateFamily): string {
  const root = schoolJsonSchema() as JsonSchema;
  const usage = fieldUsage(family);
  const required = new Set(requiredFields(family.meta));
  const isRequired = (field: string) => [...required].some((r) => r === field || r.startsWith(`${field}.`));
  const out: string[] = [
    `# yaml-language-server: $schema=../${SCHEMA_PATH}`,
    `# ${name.replace(/\s+/g, ' ')}: data for the ${family.meta.title} (${family.meta.issued_by}).`,
    '# Fields marked (required) must be filled in; the rest are optional: delete',
    '# the "# " before a field (and its lines) to use it.',
    '# Run `npx policy-press check` after editing.',
    '',
    '# The model policy to follow (a folder under templates/).',
    `template: ${family.name}`,
    '# A defaults file shared by a trust or local authority (values here win):',
    '# defaults: ../trusts/our-trust.yaml',
  ];

  /** A field and what it holds, at `depth`: filled in (TODO where the school must write) or commented out. */
  const field = (key: string, node: JsonSchema, path: string, depth: number): void => {
    const pad = '  '.repeat(depth);
    const objectFields = Object.entries(node.properties ?? {}).filter(([child]) => usage(`${path}.${child}`) !== 'none' || isRequired(`${path}.${child}`));
    if (!isRequired(path)) {
      const sample = sampleOf(node, path, usage);
      if (sample === undefined) return;
      explained(out, yamlLines({ [key]: sample }).map((line) => `${pad}# ${line}`), node.description, pad);
      return;
    }
    if (node.type === 'object' && objectFields.length) {
      explained(out, [`${pad}${key}:`], node.description, pad, true);
      // A person is named or given a post; the example says which a school usually gives.
      const needed = objectFields.filter(([child]) => isRequired(`${path}.${child}`));
      const chosen = needed.length ? undefined : Object.keys((node.examples?.[0] as object | undefined) ?? {})[0];
      for (const [child, childNode] of objectFields) {
        if (child === chosen) required.add(`${path}.${child}`);
        field(child, childNode, `${path}.${child}`, depth + 1);
      }
      return;
    }
    if (path === 'school.name') {
      explained(out, yamlLines({ [key]: name }).map((line) => `${pad}${line}`), '(required)', pad);
      return;
    }
    const example = node.examples?.[0];
    // Written as the school would write it: "19.00" in quotes, since 19.00 unquoted is a number.
    const eg = example === undefined ? '' : ` e.g. ${yamlLines(example).join(' ')}`;
    const line = `${pad}${key}: TODO`;
    const whole = `(required)${node.description ? ` ${node.description}` : ''}${eg}`;
    // The description above when the line is too long for it, "(required)" and the example always beside.
    if (!node.description || besideFits(line, whole)) explained(out, [line], whole, pad);
    else {
      explained(out, [], node.description, pad);
      explained(out, [line], `(required)${eg}`, pad);
    }
  };

  for (const [key, node] of Object.entries(root.properties ?? {})) {
    if (key === 'template' || key === 'defaults' || key === 'clauses' || key === 'sections') continue;
    if (usage(key) === 'none' && !isRequired(key)) continue;
    out.push('');
    field(key, node, key, 0);
  }

  const optional = family.sections.flatMap((s) => s.fields).flatMap((f) => /^sections\.([^.]+)\.include$/.exec(f)?.[1] ?? []);
  if (optional.length) {
    out.push('', '# Optional sections of the template (`npx policy-press templates`):', '# sections:', ...[...new Set(optional)].map((id) => `#   ${id}: { include: true }`));
  }
  const [omitted, replaced = omitted] = family.clauses;
  if (omitted && replaced) {
    out.push(
      '',
      "# Changes to the template's clauses (ids: `npx policy-press text SLUG --ids`):",
      '# clauses:',
      `#   omit: [${omitted.id}]`,
      '#   replace:',
      `#     ${replaced.id}: The school's own wording of this clause.`,
    );
    if (replaced.section) out.push('#   add:', `#     - section: ${replaced.section}`, '#       text: A clause of the school’s own.');
  }
  return `${out.join('\n')}\n`;
}

/** An example value for a field the school may leave out: its schema's example, or one made of its parts'. */
function sampleOf(node: JsonSchema, path: string, usage: (field: string) => string): unknown {
  if (node.examples?.length) return node.examples[0];
  if (node.type === 'boolean') return true;
  if (node.type === 'array' && node.items) {
    const item = sampleOf(node.items, `${path}[]`, usage);
    return item === undefined ? undefined : [item];
  }
  if (node.type === 'object' && node.properties) {
    const entries = Object.entries(node.properties)
      .filter(([child]) => usage(`${path}.${child}`) !== 'none')
      .map(([child, childNode]) => [child, sampleOf(childNode, `${path}.${child}`, usage)] as const)
      .filter(([, value]) => value !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return undefined;
}

/** A value as YAML lines; a list of words on one line, as people write them: `[staff, governors]`. */
function yamlLines(value: unknown): string[] {
  const doc = new Document(value);
  visit(doc, {
    Seq(_, seq) {
      if (seq.items.every(isScalar)) seq.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd().split('\n');
}

function besideFits(line: string, text: string): boolean {
  return `${line.padEnd(COMMENT_COLUMN - 1)} # ${text}`.length <= MAX_LINE;
}

/**
 * Lines of YAML with their explanation: beside the first line when it fits there, else above (`above`:
 * always above, as for a mapping whose fields follow; with no lines, the explanation alone).
 */
function explained(out: string[], lines: string[], description: string | undefined, pad: string, above = false): void {
  const text = description?.trim();
  if (!text) {
    out.push(...lines);
    return;
  }
  const first = lines[0];
  if (first !== undefined && !above && besideFits(first, text)) {
    out.push(`${first.padEnd(COMMENT_COLUMN - 1)} # ${text}`, ...lines.slice(1));
    return;
  }
  out.push(...wrap(text, WRAP - pad.length - 2).map((line) => `${pad}# ${line}`), ...lines);
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
