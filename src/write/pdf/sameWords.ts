// What "the PDF says the same words in the same order as the text rendering" means, as code both tests and tools can use.

import { BULLETS } from './layout/theme.ts';

/**
 * The words the PDF's body pages must show, from `toPlainText(doc)`:
 * - its first two lines (policy title, school name) are on the title page, not the body;
 * - the text's own markup is dropped: "# " before headings, "Table: " before
 *   captions, " | " between table cells;
 * - a caption that repeats the heading just above it ("# Policy details", then
 *   "Table: Policy details") is not drawn: the PDF names the table by it instead;
 * - its "- " list markers are the PDF's bullets: "•" at even depths, "–" at odd
 *   ones (a depth being two spaces of indent);
 * - everything else, numbers of ordered lists included, is compared word for word.
 * The title page, contents, running headers and footers and the sign-off page are
 * the PDF's own and are left out of the comparison (see sameWords.test.ts and the
 * end-to-end test for how each side is read).
 */
export function expectedBodyWords(plainText: string): string[] {
  const lines = plainText.split('\n').slice(2);
  // A table that starts its section under a caption repeating the heading (captionRepeatsHeading in tree/walk.ts).
  const repeatsHeading = (i: number) => {
    const heading = /^#{1,3} (.*)$/.exec(lines[i - 2] ?? '');
    return heading !== null && lines[i - 1] === '' && lines[i] === `Table: ${heading[1]}`;
  };
  return wordsOf(
    lines
      .filter((_, i) => !repeatsHeading(i))
      .map((line) => {
        const bullet = /^((?: {2})*)- (.*)$/.exec(line);
        if (bullet) return `${BULLETS[(bullet[1]!.length / 2) % BULLETS.length]} ${bullet[2]}`;
        return line.replace(/^#{1,3} /, '').replace(/^Table: /, '').replaceAll(' | ', ' ');
      })
      .join('\n'),
  );
}

/** Whitespace-separated words, composed (NFC) as the PDF draws them. */
export function wordsOf(text: string): string[] {
  return text.normalize('NFC').split(/\s+/u).filter(Boolean);
}
