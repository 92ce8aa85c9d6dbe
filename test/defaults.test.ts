// A trust's defaults file: inherited unless the school sets its own; messages name the file a value came from.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { forgetSourceTexts, loadProject } from '../src/project/loadProject.ts';
import { locate } from '../src/validate/toDiagnostics.ts';
import { createNodeWorld } from '../src/project/World.ts';
import { toPlainText } from '../src/write/text/toPlainText.ts';
import { checkJson, tempProject } from './support/tempProject.ts';

const TRUST = `people:
  dpo:
    name: Trust DPO Service
lockout_minutes: 5
backup:
  provider: RedStor
  scope: trust network
`;

const SCHOOL = `defaults: ../trusts/oak.yaml
school:
  name: Oak Primary
people:
  siro:
    role: Head Teacher
review:
  last_reviewed: 2024-09
  next_review: 2025-09
  reviewed_by: R Reviewer
backup:
  provider: LGfL's GridStore
`;

describe('defaults files', () => {
  it('inherits values and lets the school override them', () => {
    const root = tempProject({ 'trusts/oak.yaml': TRUST, 'schools/oak-primary.yaml': SCHOOL });
    const project = loadProject(createNodeWorld(root));
    expect(project.diagnostics).toEqual([]);
    const text = toPlainText(project.documents.get('oak-primary')!);
    expect(text).toContain('Trust DPO Service is the Data Protection Officer');
    expect(text).toContain('lock-out after 5 minutes');
    // Mappings merge key by key: the provider is the school's, the scope the trust's.
    expect(text).toContain("We use LGfL's GridStore remote secure back-up for disaster recovery on our trust network.");
  });

  it('names the defaults file in a message about an inherited value', async () => {
    const root = tempProject({ 'trusts/oak.yaml': TRUST.replace('lockout_minutes: 5', 'lockout_minutes: 0'), 'schools/oak-primary.yaml': SCHOOL });
    const { code, diagnostics } = await checkJson(root);
    expect(code).toBe(1);
    expect(diagnostics).toMatchObject([{ code: 'OUT_OF_RANGE', file: 'trusts/oak.yaml', line: 4, column: 18 }]);
    expect(diagnostics[0]!.message).toContain('inherited from trusts/oak.yaml');
  });

  it('reports the DPO inherited from the trust being the SIRO', async () => {
    const root = tempProject({ 'trusts/oak.yaml': TRUST, 'schools/oak-primary.yaml': SCHOOL.replace('role: Head Teacher', 'name: Trust DPO Service') });
    const { diagnostics } = await checkJson(root);
    expect(diagnostics).toMatchObject([{ code: 'DPO_IS_SIRO', file: 'trusts/oak.yaml', line: 2 }]);
  });

  it('reports a missing defaults file at the reference', async () => {
    const root = tempProject({ 'schools/oak-primary.yaml': SCHOOL });
    const { diagnostics } = await checkJson(root);
    expect(diagnostics.find((d) => d.code === 'FILE_NOT_FOUND')).toMatchObject({ file: 'schools/oak-primary.yaml', line: 1, column: 11 });
  });

  it('reports an unknown key in the defaults file there', async () => {
    const root = tempProject({ 'trusts/oak.yaml': `${TRUST}backup_provider: X\n`, 'schools/oak-primary.yaml': SCHOOL });
    const { diagnostics } = await checkJson(root);
    expect(diagnostics).toMatchObject([{ code: 'UNKNOWN_KEY', file: 'trusts/oak.yaml', line: 8, column: 1 }]);
  });
});

describe('forgetSourceTexts (a build, once it has printed the diagnostics)', () => {
  it("lets go of the files' texts, and still names the file each value comes from", () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // V8 keeps the subject of the last regular expression matched (RegExp.input): another match lets it
    // go. A text this long is an external string, counted outside the heap.
    const heap = () => {
      /./.exec('.');
      gc();
      gc();
      const { heapUsed, external } = process.memoryUsage();
      return heapUsed + external;
    };
    // A school file of 4 MB, nearly all comment: its text is what loading kept.
    const comment = `# ${'a note the data lead wrote '.repeat(40)}\n`.repeat(3600);
    const root = tempProject({ 'trusts/oak.yaml': TRUST, 'schools/oak-primary.yaml': comment + SCHOOL });
    const project = loadProject(createNodeWorld(root));
    expect(project.diagnostics).toEqual([]);
    const before = heap();
    forgetSourceTexts(project);
    const freed = before - heap();
    expect(freed, `freed ${freed} bytes`).toBeGreaterThan(comment.length * 0.9);
    expect(project.sources.size).toBe(0);
    const [oak] = project.schools;
    expect(oak!.locator.fileOf!(['people', 'dpo', 'name'])).toBe('trusts/oak.yaml');
    expect(oak!.locator.fileOf!(['school', 'name'])).toBe('schools/oak-primary.yaml');
    // A position asked for now points at the school's file.
    expect(locate(oak!.locator, ['school', 'name'])).toEqual({ file: 'schools/oak-primary.yaml', line: 1, column: 1 });
  });
});
