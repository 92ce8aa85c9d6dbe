// The governor sign-off: who signs by default, and the stable AcroForm field names each signatory gets.

/** Signatories when a school names none: the two posts that sign school policies. */
export const DEFAULT_SIGNATORIES: readonly string[] = ['Chair of Governors', 'Headteacher'];

/**
 * "Chair of Governors" → "chair_of_governors". Field names are ASCII with no dots
 * (a dot would make a field hierarchy), so signing tools can name them on a command line.
 */
export function signatoryId(role: string): string {
  return role
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ł/g, 'l')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export interface SignOffFieldNames {
  signature: string;
  name: string;
  date: string;
}

/** The documented field names (README, "The PDF"): `<id>_signature`, `<id>_name`, `<id>_date`. */
export function signOffFieldNames(role: string): SignOffFieldNames {
  const id = signatoryId(role);
  return { signature: `${id}_signature`, name: `${id}_name`, date: `${id}_date` };
}
