// `npm ci` on a fresh machine needs every platform's optional binary listed in the lockfile.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { missingOptionals } from '../scripts/complete-lockfile.mjs';
import { REPO } from './support/tempProject.ts';

it('package-lock.json lists every optional platform package (run `npm run lock:complete` after npm install)', () => {
  const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8'));
  expect(missingOptionals(lock).map((m: { key: string }) => m.key)).toEqual([]);
});
