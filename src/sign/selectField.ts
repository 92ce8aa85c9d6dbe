// Which signature field `--field` means: its exact name, or a short form such as "chair" or "Headteacher".

import { roleOfField, type SignatureField } from './readPdf.ts';

/** "Chair of Governors" → "chair_of_governors", as the PDF writer names fields. */
export function fieldKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export type FieldChoice = { field: SignatureField } | { problem: 'NOT_FOUND' | 'AMBIGUOUS'; candidates: SignatureField[] };

export function selectField(fields: readonly SignatureField[], selector: string): FieldChoice {
  const exact = fields.find((f) => f.name === selector);
  if (exact) return { field: exact };
  const key = fieldKey(selector);
  if (!key) return { problem: 'NOT_FOUND', candidates: [] };
  const base = (f: SignatureField) => fieldKey(f.name).replace(/_signature$/, '');
  const named = fields.filter((f) => base(f) === key || fieldKey(f.name) === key || fieldKey(roleOfField(f)) === key);
  if (named.length === 1) return { field: named[0]! };
  // "chair" for chair_of_governors_signature; "head" for headteacher_signature.
  const prefixed = named.length ? named : fields.filter((f) => base(f).startsWith(key) || fieldKey(roleOfField(f)).startsWith(key));
  if (prefixed.length === 1) return { field: prefixed[0]! };
  return { problem: prefixed.length ? 'AMBIGUOUS' : 'NOT_FOUND', candidates: prefixed };
}

/** How the command line can name a field: the part before `_signature`. */
export function shortName(field: SignatureField): string {
  return field.name.replace(/_signature$/, '');
}
