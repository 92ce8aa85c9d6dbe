import { describe, expect, it } from 'vitest';
import { expectedBodyWords } from './sameWords.ts';

describe('expectedBodyWords', () => {
  it('drops the title lines and the text rendering’s own markup, and maps list markers to bullets', () => {
    const plain = ['E-Security Policy', 'Ashmole Primary', '', '# Policy details', '', 'Table: Review', 'Name of school | Ashmole Primary', '', '- Staff', '  - governors', '  1. first', 'Done.'].join('\n');
    expect(expectedBodyWords(plain)).toEqual(['Policy', 'details', 'Review', 'Name', 'of', 'school', 'Ashmole', 'Primary', '•', 'Staff', '–', 'governors', '1.', 'first', 'Done.']);
  });

  it('leaves out a caption that repeats the heading just above it, as the PDF does not draw it, and only that one', () => {
    const text = (...body: string[]) => ['E-Security Policy', 'Ashmole Primary', '', ...body].join('\n');
    expect(expectedBodyWords(text('# Policy details', '', 'Table: Policy details', 'Name | Oak'))).toEqual(['Policy', 'details', 'Name', 'Oak']);
    expect(expectedBodyWords(text('## Assets', '', 'Table: Assets', 'Name | Oak'))).toEqual(['Assets', 'Name', 'Oak']);
    // Not first in its section: shown.
    expect(expectedBodyWords(text('# Assets', '', 'Intro.', '', 'Table: Assets', 'Name | Oak'))).toEqual(['Assets', 'Intro.', 'Assets', 'Name', 'Oak']);
  });
});
