// The committed JSON Schema is the one the zod schemas generate, and every school file points at it.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../test/support/tempProject.ts';
import { SCHEMA_PATH, schemaAt, schoolJsonSchemaText } from './schoolJsonSchema.ts';

describe('school JSON Schema', () => {
  it('is in sync with the zod schemas (run `npx policy-press schema --write` after changing them)', () => {
    expect(readFileSync(join(REPO, SCHEMA_PATH), 'utf8')).toBe(schoolJsonSchemaText());
  });

  it('describes every field, for editor tooltips', () => {
    expect(schemaAt(['lockout_minutes'])).toMatchObject({ type: 'integer', minimum: 1, maximum: 60 });
    expect(schemaAt(['people', 'dpo'])?.description).toMatch(/Data Protection Officer/);
    expect(schemaAt(['asset_register', 0, 'assets', 0, 'owner'])?.examples).toBeDefined();
  });

  it('is named on the first line of every school file', () => {
    for (const name of readdirSync(join(REPO, 'schools'))) {
      const first = readFileSync(join(REPO, 'schools', name), 'utf8').split('\n')[0];
      expect(first, name).toBe('# yaml-language-server: $schema=../schema/school.schema.json');
    }
  });
});
