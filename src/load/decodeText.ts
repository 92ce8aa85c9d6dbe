// Bytes → text for files people edit on any platform: UTF-8 only, BOM tolerated.

import type { Diagnostic } from '../diagnostics/index.ts';

export interface DecodedText {
  text: string | undefined;
  diagnostic?: Diagnostic;
}

/**
 * TextDecoder with `fatal` says that a file is not UTF-8 but not where, and a
 * school's data lead needs the line to fix it, so the offset is found by hand.
 */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
    const lines = before.split(/\r\n|\r|\n/);
    return {
      text: undefined,
      diagnostic: {
        code: 'INVALID_UTF8',
        severity: 'error',
        message: `the file is not valid UTF-8 (byte 0x${bytes[offset]!.toString(16).padStart(2, '0')} at offset ${offset})`,
        file,
        line: lines.length,
        column: lines.at(-1)!.length + 1,
        hint: 'save the file as UTF-8 (in VS Code: "Save with Encoding" → UTF-8); Word and Excel exports are often Windows-1252',
      },
    };
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlong three-byte forms, surrogates and code points above U+10FFFF.
    const c1 = bytes[i + 1] ?? 0;
    if ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 >= 0xa0) || (b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 >= 0x90)) {
      return i;
    }
    i += need + 1;
  }
  return bytes.length;
}
