// The README's annotated school file is valid: the documentation and the schema cannot drift apart.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { checkJson, REPO, tempProject } from './support/tempProject.ts';

it("the README's annotated example passes check", async () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const example = /```yaml\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('## The school file')))![1]!;
  const root = tempProject({ 'schools/ashmole-primary.yaml': example, 'trusts/oak-trust.yaml': 'lockout_minutes: 5\n' });
  const { code, diagnostics } = await checkJson(root);
  expect(diagnostics.filter((d) => !d.code.startsWith('REVIEW_'))).toEqual([]);
  expect(code).toBe(0);
});
