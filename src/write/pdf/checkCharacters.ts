// UNSUPPORTED_CHARACTER: text the PDF's font cannot draw, reported where it was typed (school field or template line).

import type { Diagnostic } from '../../diagnostics/index.ts';
import type { DataPath } from '../../load/parseYamlFile.ts';
import type { TemplateFamily } from '../../render/loadFamily.ts';
import { dotted, locate } from '../../validate/toDiagnostics.ts';
import type { School } from '../../validate/validateSchool.ts';
import { describeCharacter, unsupportedCharacters } from './fonts.ts';

const CODE = 'UNSUPPORTED_CHARACTER';
const HINT = 'replace it with a similar character (letters with the accents of UK and European languages, ’ “ ” – — £ € all work), or remove it';

/** Fields that never reach the PDF as text: file paths and settings (none deeper than two keys). */
const NOT_PRINTED = new Set(['template', 'defaults', 'school.logo', 'school.accent_colour']);

const list = (chars: readonly string[]) => chars.map(describeCharacter).join(', ');

/** Every text value of a school's data, checked at its own line and column. */
export function checkSchoolCharacters(school: School): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (value: unknown, path: (string | number)[]) => {
    if (path.length <= 2 && NOT_PRINTED.has(dotted(path as DataPath))) return;
    if (typeof value === 'string') {
      const missing = unsupportedCharacters(value);
      if (missing.length) {
        const where = locate(school.locator, path);
        const inherited = where.file && where.file !== school.file ? ` (inherited from ${where.file})` : '';
        out.push({ code: CODE, severity: 'error', message: `\`${dotted(path as DataPath)}\` contains ${list(missing)}, which the PDF's font cannot draw${inherited}`, hint: HINT, ...where });
      }
    } else if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
  };
  visit(school.data, []);
  return out;
}

/** The template files' text, line by line, and the family's title and attribution. */
export function checkFamilyCharacters(family: TemplateFamily): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const section of family.sections) {
    section.source.split('\n').forEach((text, i) => {
      const missing = unsupportedCharacters(text);
      if (!missing.length) return;
      const column = text.indexOf(missing[0]!) + 1;
      out.push({ code: CODE, severity: 'error', message: `the template contains ${list(missing)}, which the PDF's font cannot draw`, hint: HINT, file: section.file, line: i + 1, column, endLine: i + 1, endColumn: column + missing[0]!.length });
    });
  }
  for (const [field, value] of Object.entries({ title: family.meta.title, attribution: family.meta.attribution })) {
    const missing = typeof value === 'string' ? unsupportedCharacters(value) : [];
    if (missing.length) out.push({ code: CODE, severity: 'error', message: `\`${field}\` contains ${list(missing)}, which the PDF's font cannot draw`, hint: HINT, file: `templates/${family.name}/family.yaml` });
  }
  return out;
}
