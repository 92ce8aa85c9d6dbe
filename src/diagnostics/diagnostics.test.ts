import { describe, expect, it } from 'vitest';
import { codeFrame } from './codeFrame.ts';
import { didYouMean } from './didYouMean.ts';
import { formatDiagnostic, summarise } from './formatDiagnostics.ts';

describe('codeFrame', () => {
  it('marks the line and puts a caret under the span', () => {
    const frame = codeFrame('a: 1\nlockout_minutes: 0\nc: 3\n', 2, 18, 19);
    expect(frame.split('\n')).toEqual(['  1 | a: 1', '> 2 | lockout_minutes: 0', '    |                  ^', '  3 | c: 3']);
  });

  it('shows tabs and handles CRLF', () => {
    expect(codeFrame('a:\r\n\tb: 1\r\n', 2, 1)).toContain('> 2 | →b: 1');
  });

  it('returns nothing for a line outside the file', () => {
    expect(codeFrame('a: 1', 9, 1)).toBe('');
  });
});

describe('didYouMean', () => {
  it('finds near misses, transpositions included', () => {
    expect(didYouMean('lockout_minuets', ['lockout_minutes', 'backup'])).toBe('lockout_minutes');
    expect(didYouMean('bakcup', ['lockout_minutes', 'backup'])).toBe('backup');
  });

  it('stays quiet when nothing is close', () => {
    expect(didYouMean('colour', ['lockout_minutes', 'backup'])).toBeUndefined();
  });
});

describe('formatDiagnostic', () => {
  it('prints location, severity, code, message, frame and hint', () => {
    const text = formatDiagnostic(
      { code: 'OUT_OF_RANGE', severity: 'error', message: 'too small', file: 's.yaml', line: 1, column: 4, hint: 'use 10' },
      { sources: new Map([['s.yaml', 'a: 0\n']]) },
    );
    expect(text).toBe('s.yaml:1:4 error OUT_OF_RANGE too small\n> 1 | a: 0\n    |    ^\n  2 |\n  hint: use 10');
  });

  it('summarises counts', () => {
    expect(summarise([{ code: 'A', severity: 'error', message: '' }, { code: 'B', severity: 'warning', message: '' }])).toBe('1 error, 1 warning');
  });
});
