// Leftover model-policy markers: `<in lockable locations and>`, `[Check …]`, `[Note …]`.

export interface MarkerHit {
  /** Offset of the marker in the text searched. */
  index: number;
  text: string;
}

/** The MDX components templates may use; any other `<…>` is a marker. */
export const COMPONENTS = ['Section', 'List', 'Clause', 'AssetRegister', 'InformationRisks', 'ReviewDetails'] as const;

/**
 * A `<…>` that is not one of our components (or a closing tag) is a choice
 * the model policy left open, such as `<in lockable locations and>`.
 * Square-bracketed editor notes start with a word the model policy uses for
 * instructions.
 */
const MARKER = new RegExp(
  [
    String.raw`<(?![/!]|(?:${COMPONENTS.join('|')})[\s/>])[^<>\n]{1,200}>`,
    String.raw`\[(?:Check|Note|Insert|Delete|Add|Amend|Choose|Edit|Name of|School name)\b[^\]\n]{0,300}\]?`,
  ].join('|'),
  'g',
);

export function findMarkers(text: string): MarkerHit[] {
  return [...text.matchAll(MARKER)].map((m) => ({ index: m.index, text: m[0] }));
}

export const MARKER_HINT = 'the model policy offered a choice here: keep the words that apply to the school and delete the brackets and the rest';
