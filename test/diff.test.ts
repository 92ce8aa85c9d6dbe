// Revisions: in a scratch git repository, `diff` shows exactly what changed, in every format.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PolicyDiff } from '../src/diff/formatDiff.ts';
import { run, school, tempProject } from './support/tempProject.ts';
import { git } from './support/git.ts';


const SECTION = 'templates/lgfl-e-security/technical-or-manual-solutions.mdx';
let root: string;

beforeAll(() => {
  root = tempProject({ 'schools/test-primary.yaml': school() });
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '.');
  git(root, 'commit', '-qm', 'first version');
  git(root, 'tag', 'v1');
  writeFileSync(join(root, 'schools/test-primary.yaml'), school((y) => y.replace('lockout_minutes: 10', 'lockout_minutes: 5').replace('name: Dana Protection', 'name: Jane Doe')));
  const mdx = readFileSync(join(root, SECTION), 'utf8');
  writeFileSync(join(root, SECTION), mdx.replace('Paper based sensitive information is shredded', 'Paper based sensitive information is securely shredded'));
});

describe('policy-press diff', () => {
  it('shows exactly the changed data and clause as JSON', async () => {
    const result = await run(root, ['diff', 'test-primary', '--from', 'v1', '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const diff = JSON.parse(result.stdout) as PolicyDiff;
    expect(diff.summary).toEqual(['Data Protection Officer: Dana Protection → Jane Doe', 'Screen lock-out: 10 → 5 minutes']);
    expect(diff.changes.map((c) => [c.kind, 'id' in c ? c.id : c.sectionId])).toEqual([
      ['changed', 'dpo'],
      ['changed', 'lockout'],
      ['changed', 'shredding'],
    ]);
    const shredding = diff.changes[2]!;
    expect(shredding.kind === 'changed' && shredding.words.filter((w) => w.kind !== 'same')).toEqual([{ kind: 'added', text: 'securely ' }]);
  });

  it('prints a plain-text redline when not on a terminal', async () => {
    const { stdout } = await run(root, ['diff', 'test-primary', '--from', 'v1']);
    expect(stdout).toContain('  • Screen lock-out: 10 → 5 minutes');
    expect(stdout).toContain('  ~ [lockout] We require staff to log-out of systems');
    expect(stdout).toMatch(/after \[-10-\]\{\+5\+\} minutes/);
    expect(stdout).toContain('{+securely +}');
    expect(stdout).not.toContain('\u001b[');
  });

  it('writes an HTML page whose insertions and deletions are announced', async () => {
    const { stdout } = await run(root, ['diff', 'test-primary', '--from', 'v1', '--format', 'html']);
    expect(stdout).toContain('<html lang="en-GB">');
    expect(stdout).toMatch(/<del><span class="visually-hidden">\[deleted: <\/span>10<span class="visually-hidden">]<\/span><\/del>/);
    expect(stdout).toContain('<ins><span class="visually-hidden">[inserted: </span>securely ');
  });

  it('defaults --from to the last commit that changed the rendered policy', async () => {
    const { stdout, code } = await run(root, ['diff', 'test-primary', '--format', 'json']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as PolicyDiff).summary).toHaveLength(2);
  });

  it('puts the same changes in the built PDF and on the site, with no signed copy (git is the base)', async () => {
    const built = await run(root, ['build']);
    expect(built.code, built.stderr).toBe(0);
    const today = git(root, 'show', '-s', '--format=%cd', '--date=short', 'HEAD').trim();
    const since = new Date(`${today}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    const pdfText = (await run(root, ['text', join(root, 'dist/test-primary/policy.pdf')])).stdout;
    expect(pdfText).toContain(`# Summary of changes since ${since}`);
    expect(pdfText).toContain('- Screen lock-out: 10 → 5 minutes');
    expect(pdfText).toContain('- Data Protection Officer: Dana Protection → Jane Doe');
    const page = readFileSync(join(root, 'dist/test-primary/changes/index.html'), 'utf8');
    expect(page).toContain('Screen lock-out: 10 → 5 minutes');
    expect(page).toContain('securely');
    expect(readFileSync(join(root, 'dist/test-primary/index.html'), 'utf8')).toContain('href="/test-primary/changes/"');
  });

  it('shows everything as added for a school that did not exist at --from', async () => {
    writeFileSync(join(root, 'schools/new-school.yaml'), school((y) => y.replace('Test Primary', 'New School')));
    const { stdout, code } = await run(root, ['diff', 'new-school', '--from', 'v1', '--format', 'json']);
    expect(code).toBe(0);
    const diff = JSON.parse(stdout) as PolicyDiff;
    expect(diff.from).toContain('did not exist');
    expect(diff.changes.every((c) => c.kind === 'added' || c.kind === 'section-added')).toBe(true);
  });

  it('reports an unknown revision', async () => {
    const { code, stderr } = await run(root, ['diff', 'test-primary', '--from', 'no-such-tag']);
    expect(code).toBe(1);
    expect(stderr).toContain('UNKNOWN_REVISION');
    expect(stderr).toContain('"no-such-tag" is not a revision');
  });

  it('names the revision and file when the old templates no longer parse', async () => {
    const broken = tempProject({ 'schools/test-primary.yaml': school() });
    git(broken, 'init', '-q', '-b', 'main');
    const mdx = readFileSync(join(broken, SECTION), 'utf8');
    writeFileSync(join(broken, SECTION), mdx.replace('{{/if}}', ''));
    git(broken, 'add', '.');
    git(broken, 'commit', '-qm', 'broken template');
    writeFileSync(join(broken, SECTION), mdx);
    const { code, stderr } = await run(broken, ['diff', 'test-primary', '--from', 'HEAD']);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`${SECTION}:\\d+:\\d+ error TEMPLATE_SYNTAX at HEAD \\([0-9a-f]+\\)`));
  });

  it('says so outside a git repository', async () => {
    const plain = tempProject({ 'schools/test-primary.yaml': school() });
    const { code, stderr } = await run(plain, ['diff', 'test-primary', '--from', 'HEAD']);
    expect(code).toBe(1);
    expect(stderr).toContain('NOT_A_GIT_REPOSITORY');
  });
});
