// `git diff` of two signed copies is readable text: git-setup's configuration, and textconv end to end.

import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GITATTRIBUTES_LINE, TEXTCONV } from '../src/cli/commands/gitSetup.ts';
import { REPO, run, school, tempProject } from './support/tempProject.ts';
import { git } from './support/git.ts';


describe('git integration', () => {
  it('git-setup writes .gitattributes once and configures textconv', async () => {
    const root = tempProject();
    git(root, 'init', '-q');
    expect((await run(root, ['git-setup'])).code).toBe(0);
    expect((await run(root, ['git-setup'])).code).toBe(0);
    expect(readFileSync(join(root, '.gitattributes'), 'utf8')).toBe(`${GITATTRIBUTES_LINE}\n`);
    expect(git(root, 'config', 'diff.policy.textconv').trim()).toBe(TEXTCONV);
  });

  it('git-setup outside a repository says so', async () => {
    const { code, stderr } = await run(tempProject(), ['git-setup']);
    expect(code).toBe(1);
    expect(stderr).toContain('not in a git repository');
  });

  it('git diff of two signed copies shows the changed policy text', async () => {
    const root = tempProject({ 'schools/test-primary.yaml': school() });
    git(root, 'init', '-q', '-b', 'main');
    await run(root, ['git-setup']);
    // The scratch repository has no node_modules for npx; point textconv at this checkout's CLI.
    git(root, 'config', 'diff.policy.textconv', `${process.execPath} ${join(REPO, 'bin/policy-press.js')} text`);
    const copy = join(root, 'approved/test-primary/copy.pdf');
    mkdirSync(join(root, 'approved/test-primary'), { recursive: true });
    expect((await run(root, ['pdf', 'test-primary', '-o', copy])).code).toBe(0);
    git(root, 'add', '.');
    git(root, 'commit', '-qm', 'v1');
    writeFileSync(join(root, 'schools/test-primary.yaml'), school((y) => y.replace('lockout_minutes: 10', 'lockout_minutes: 5')));
    const v2 = join(root, 'v2.pdf');
    expect((await run(root, ['pdf', 'test-primary', '-o', v2])).code).toBe(0);
    copyFileSync(v2, copy);
    const out = git(root, 'diff', '--', 'approved/');
    expect(out).not.toContain('Binary files');
    expect(out).toMatch(/^-- We require staff to log-out of systems .* after 10 minutes idle time\.$/m);
    expect(out).toMatch(/^\+- We require staff to log-out of systems .* after 5 minutes idle time\.$/m);
  });
});

describe('PDFs without policy-press source', () => {
  it('text and diff say so, exit 1', async () => {
    const { PDFDocument } = await import('pdf-lib');
    const foreign = await PDFDocument.create();
    foreign.addPage();
    const root = tempProject({ 'schools/test-primary.yaml': school(), 'foreign.pdf': await foreign.save(), 'notes.pdf': 'just some text' });
    const text = await run(root, ['text', join(root, 'foreign.pdf')]);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('NO_EMBEDDED_SOURCE');
    const diff = await run(root, ['diff', 'test-primary', '--from', 'foreign.pdf']);
    expect(diff.code).toBe(1);
    expect(diff.stderr).toContain('NO_EMBEDDED_SOURCE');
    const notPdf = await run(root, ['diff', 'test-primary', '--from', 'notes.pdf']);
    expect(notPdf.code).toBe(1);
    expect(notPdf.stderr).toContain('NOT_A_PDF');
  });
});
