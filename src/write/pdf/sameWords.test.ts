import { describe, expect, it } from 'vitest';
import { expectedBodyWords } from './sameWords.ts';

describe('expectedBodyWords', () => {
  it('drops the title lines and the text rendering’s own markup, and maps list markers to bullets', () => {
    const plain = ['E-Security Policy', 'Ashmole Primary', '', '# Policy details', '', 'Table: Policy details', 'Name of school | Ashmole Primary', '', '- Staff', '  - governors', '  1. first', 'Done.'].join('\n');
    expect(expectedBodyWords(plain)).toEqual(['Policy', 'details', 'Policy', 'details', 'Name', 'of', 'school', 'Ashmole', 'Primary', '•', 'Staff', '–', 'governors', '1.', 'first', 'Done.']);
  });
});
