// Leftover model-policy markers: `<in lockable locations and>`, `[Check …]`, `[Note …]`.

export interface MarkerHit {
  /** Offset of the marker in the text searched. */
  index: number;
  text: string;
}

/**
 * `<` followed by a lower-case letter or a space is never one of our
 * components (they are capitalised) and never HTML we want, so it is a marker
 * for a choice the model policy left open. Square-bracketed editor notes start
 * with a verb the model policy uses for instructions.
 */
const MARKER = /<(?![A-Z/!])[^<>\n]{1,200}>|\[(?:Check|Note|Insert|Delete|Add|Amend|Choose|Edit|Name of|School name)\b[^\]\n]{0,300}\]?/g;

export function findMarkers(text: string): MarkerHit[] {
  return [...text.matchAll(MARKER)].map((m) => ({ index: m.index, text: m[0] }));
}

export const MARKER_HINT = 'the model policy offered a choice here: keep the words that apply to the school and delete the brackets and the rest';
