import { describe, expect, it } from 'vitest';
import { decodeText } from './decodeText.ts';

describe('decodeText', () => {
  it('decodes UTF-8, Welsh and Polish letters included', () => {
    expect(decodeText(Buffer.from('name: Siân Llŷr, Łukasz – £5’s'), 'f').text).toBe('name: Siân Llŷr, Łukasz – £5’s');
  });

  it.each([
    ['a lone continuation byte', [0x61, 0x0a, 0x62, 0x80], 2, 2],
    ['a Windows-1252 é', [0x61, 0x3a, 0x20, 0xe9, 0x0a], 1, 4],
    ['a truncated sequence', [0x61, 0xe2, 0x82], 1, 2],
    ['an overlong encoding', [0xe0, 0x80, 0x80], 1, 1],
    ['a UTF-16 surrogate', [0x0a, 0x0a, 0xed, 0xa0, 0x80], 3, 1],
  ])('locates %s', (_name, bytes, line, column) => {
    const { text, diagnostic } = decodeText(new Uint8Array(bytes), 'f.yaml');
    expect(text).toBeUndefined();
    expect(diagnostic).toMatchObject({ code: 'INVALID_UTF8', file: 'f.yaml', line, column });
  });
});
