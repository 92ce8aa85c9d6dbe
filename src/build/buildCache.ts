// What a build keeps for the next (the PDFs, the search index's bundles), and the fingerprint of the
// code that makes them, which every key in those caches includes.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Under the project folder (the .gitignore keeps .cache/ out of git): what a build keeps for the next. */
export const CACHE_DIR = '.cache/policy-press';

const SRC = fileURLToPath(new URL('../', import.meta.url));
const LOCKFILE = fileURLToPath(new URL('../../package-lock.json', import.meta.url));

let fingerprint: string | undefined;

/**
 * A digest of the code that makes the outputs: every file of src/, the lockfile (pdf-lib, fontkit, the
 * fonts, Pagefind) and the Node version; computed once per process (a few milliseconds).
 */
export function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256').update(process.version);
  const files = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => !f.includes('node_modules')).sort();
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(SRC, file));
    } catch {
      continue; // a folder
    }
    hash.update(`\0${file}\0`).update(bytes);
  }
  if (existsSync(LOCKFILE)) hash.update(readFileSync(LOCKFILE));
  fingerprint = hash.digest('hex');
  return fingerprint;
}
