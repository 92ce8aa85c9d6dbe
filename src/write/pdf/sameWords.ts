// What "the PDF says the same words in the same order as the text rendering" means, as code both tests and tools can use.

import { BULLETS } from './layout/theme.ts';

/**
 * The words the PDF's body pages must show, from `toPlainText(doc)`:
 * - its first two lines (policy title, school name) are on the title page, not the body;
 * - the text's own markup is dropped: "# " before headings, "Table: " before
 *   captions, " | " between table cells;
 * - its "- " list markers are the PDF's bullets: "•" at even depths, "–" at odd
 *   ones (a depth being two spaces of indent);
 * - everything else, numbers of ordered lists included, is compared word for word.
 * The title page, contents, running headers and footers and the sign-off page are
 * the PDF's own and are left out of the comparison (see sameWords.test.ts and the
 * end-to-end test for how each side is read).
 */
export function expectedBodyWords(plainText: string): string[] {
  const lines = plainText.split('\n').slice(2);
  return wordsOf(
    lines
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
