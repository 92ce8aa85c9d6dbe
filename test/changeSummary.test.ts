// Issue 6: a policy changed since its last signed copy says so, in the text, the PDF and `diff`, and stays stable once re-approved.

import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, school, tempProject } from './support/tempProject.ts';

const SLUG = 'test-primary';
const approved = (root: string, date: string) => join(root, 'approved', SLUG, `${date}.pdf`);

async function buildPdf(root: string, out: string): Promise<Uint8Array> {
  const result = await run(root, ['pdf', SLUG, '-o', out]);
  expect(result.stderr).not.toContain('error');
  expect(result.code).toBe(0);
  return readFileSync(out);
}

describe('changes since the last approval', () => {
  it('summarises them before the sign-off page, and keeps a re-approved PDF identical', async () => {
    const root = tempProject({ [`schools/${SLUG}.yaml`]: school() });
    mkdirSync(join(root, 'approved', SLUG), { recursive: true });
    await buildPdf(root, approved(root, '2024-10-01'));

    // Nothing changed yet: no summary.
    expect((await run(root, ['text', SLUG])).stdout).not.toContain('Summary of changes');

    writeFileSync(join(root, 'schools', `${SLUG}.yaml`), school((y) => y.replace('lockout_minutes: 10', 'lockout_minutes: 5').replace('name: Dana Protection', 'name: Jane Doe')));
    const text = (await run(root, ['text', SLUG])).stdout;
    expect(text).toContain('# Summary of changes since 1 October 2024');
    expect(text).toContain('- Screen lock-out: 10 → 5 minutes');
    expect(text).toContain('- Data Protection Officer: Dana Protection → Jane Doe');

    // The PDF carries the same section (its embedded text is the text above).
    const v2 = join(root, 'v2.pdf');
    await buildPdf(root, v2);
    expect((await run(root, ['text', v2])).stdout).toBe(text);

    // `diff` defaults to the newest signed copy.
    const diff = JSON.parse((await run(root, ['diff', SLUG, '--format', 'json'])).stdout);
    expect(diff.summary).toEqual(['Data Protection Officer: Dana Protection → Jane Doe', 'Screen lock-out: 10 → 5 minutes']);

    // Governors approve v2: rebuilding still summarises against 2024 and gives the same bytes.
    copyFileSync(v2, approved(root, '2025-10-01'));
    const again = await buildPdf(root, join(root, 'again.pdf'));
    expect(Buffer.from(again).equals(readFileSync(v2))).toBe(true);
    const latest = JSON.parse((await run(root, ['diff', SLUG, '--format', 'json'])).stdout);
    expect(latest.summary).toEqual([]);
  });
});
