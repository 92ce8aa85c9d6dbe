// A school's data against its template family: the fields the family requires, and those it sets that the family never reads.

import type { Diagnostic } from '../diagnostics/index.ts';
import type { LoadedSchool } from '../load/loadSchoolFile.ts';
import type { DataPath } from '../load/parseYamlFile.ts';
import { isRequired, type JsonSchema, schemaAt } from '../validate/schoolJsonSchema.ts';
import { type Locator, locate, lookalikeKey, missingField } from '../validate/toDiagnostics.ts';
import type { FamilyMeta } from './FamilySchema.ts';
import type { TemplateFamily } from './loadFamily.ts';

/**
 * Fields no template reads, because the pipeline or the writers read them
 * for every family: choosing the family, the school's changes by id, the
 * document's details (title page, review dates, approvals, version, sign-off
 * page) and the web page's branding. They are never "not used". Keep this in
 * step with what renderSchool copies into the document's meta.
 */
export const FAMILY_INDEPENDENT_FIELDS: readonly string[] = [
  'template',
  'defaults',
  'clauses',
  'sections',
  'school.name',
  'school.logo',
  'school.accent_colour',
  'review.last_reviewed',
  'review.next_review',
  'review.reviewed_by',
  'approvals',
  'policy',
  'sign_off',
];

/**
 * Runs on the loaded data before validation, so that a missing field the
 * family needs is reported together with every other problem in the file.
 */
export function checkFamilyFields(loaded: LoadedSchool, family: TemplateFamily): Diagnostic[] {
  const locator: Locator = { locations: loaded.locations, file: loaded.file, fileOf: loaded.fileOf };
  return [...missingRequired(loaded.data, locator, family), ...unusedFields(loaded.data, locator, family)];
}

function missingRequired(data: unknown, locator: Locator, family: TemplateFamily): Diagnostic[] {
  const out: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const required of family.meta.requires ?? []) {
    const path = required.split('.');
    let node = data;
    for (let i = 0; i < path.length; i++) {
      if (!isPlainObject(node)) break; // a wrong type: validation reports it
      const value = node[path[i]!];
      if (value === undefined || value === null) {
        const missing = path.slice(0, i + 1);
        // Every school must give it: validation already says it is missing. Or it is misspelt: validation
        // reports the unknown key, with this field as its suggestion.
        if (!isRequired(missing) && !reported.has(missing.join('.')) && lookalikeKey(data, missing) === undefined) {
          reported.add(missing.join('.'));
          out.push(missingField(missing, locator, family.name));
        }
        break;
      }
      node = value;
    }
  }
  return out;
}

/** The fields a school of this family must give, dotted: every school's, then the family's own (`requires`). */
export function requiredFields(meta: FamilyMeta): string[] {
  return [...fieldsEverySchoolGives(), ...(meta.requires ?? [])];
}

/** The fields every school gives whatever its family (the schema's own required fields), dotted. */
function fieldsEverySchoolGives(): string[] {
  const out: string[] = [];
  const visit = (node: JsonSchema | undefined, prefix: string) => {
    for (const key of node?.required ?? []) {
      const child = node?.properties?.[key];
      const path = prefix ? `${prefix}.${key}` : key;
      if (child?.required?.length) visit(child, path);
      else out.push(path);
    }
  };
  visit(schemaAt([]), '');
  return out;
}

/**
 * How a family uses a field (dotted, `[]` for a list's items): `whole` when the field, or one holding
 * it, is read whole or by every family; `part` when fields inside it are read; `none` when no template of
 * the family reads it.
 */
export function fieldUsage(family: TemplateFamily): (field: string) => 'whole' | 'part' | 'none' {
  const fields = family.sections.flatMap((s) => s.fields);
  const whole = family.sections.flatMap((s) => s.wholeFields);
  const within = (field: string, outer: string) => field === outer || field.startsWith(`${outer}.`) || field.startsWith(`${outer}[]`);
  return (field) => {
    if (FAMILY_INDEPENDENT_FIELDS.some((f) => within(field, f)) || whole.some((w) => within(field, w))) return 'whole';
    return fields.some((f) => within(f, field)) ? 'part' : 'none';
  };
}

function unusedFields(data: unknown, locator: Locator, family: TemplateFamily): Diagnostic[] {
  // A section with errors is left out of the family, and with it the fields it reads; its errors say enough.
  if (family.sections.length !== family.meta.sections.length) return [];
  const usage = fieldUsage(family);

  const out: Diagnostic[] = [];
  const report = (path: DataPath, field: string) => {
    // A defaults file serves schools of several families; only the school's own settings are its to remove.
    // (Which file, without reading positions: the file is read again for them only to report.)
    if ((locator.fileOf?.(path) ?? locate(locator, path, 'key').file) !== locator.file) return;
    const at = locate(locator, path, 'key');
    out.push({ code: 'FIELD_NOT_USED_BY_FAMILY', severity: 'warning', message: `\`${field}\` is not used by the ${family.name} template`, hint: `no ${family.name} policy prints it: delete it, or check \`template:\` (\`npx policy-press templates\` lists the fields each template uses)`, ...at });
  };

  /** Walks the parts of a field the family reads only in part. */
  const visit = (value: unknown, path: DataPath, field: string): void => {
    if (Array.isArray(value)) {
      const item = `${field}[]`;
      if (usage(item) === 'part') value.forEach((v, i) => visit(v, [...path, i], item));
      return;
    }
    if (!isPlainObject(value)) return;
    for (const [key, child] of Object.entries(value)) {
      const childPath = [...path, key];
      const childField = field ? `${field}.${key}` : key;
      if (!schemaAt(childPath)) continue; // an unknown key, reported by validation
      const used = usage(childField);
      if (used === 'none') report(childPath, childField);
      else if (used === 'part') visit(child, childPath, childField);
    }
  };
  visit(data, [], '');
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
