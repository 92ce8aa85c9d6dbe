// The live preview's project (src/project/liveProject.ts): after a save it is the project a fresh load gives,
// having loaded again only the school files that changed, unless something else did.

import { appendFileSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSchoolFile, LiveProject } from '../src/project/liveProject.ts';
import { loadProject, type Project } from '../src/project/loadProject.ts';
import { createNodeWorld } from '../src/project/World.ts';
import { namedSchool, TEST_TODAY_EPOCH, tempProject } from './support/tempProject.ts';

const named = (i: number) => namedSchool(`Test Primary ${i}`);

/** Three schools, one of them with its trust's defaults, and a live project of them as first loaded. */
function setUp(epoch = TEST_TODAY_EPOCH) {
  const root = tempProject({
    'schools/a.yaml': named(1),
    'schools/b.yaml': `defaults: ../trusts/trust.yaml\n${named(2)}`,
    'schools/c.yaml': named(3),
    'trusts/trust.yaml': 'backup:\n  scope: the trust servers\n',
  });
  const env = { SOURCE_DATE_EPOCH: epoch };
  const live = new LiveProject(() => createNodeWorld(root, env));
  return { root, env, live, first: live.load() };
}

/** The project as a fresh load gives it, but for the schools' locators (functions that read the file when asked). */
function comparable(project: Project) {
  return {
    diagnostics: project.diagnostics,
    documents: [...project.documents],
    schools: project.schools.map(({ slug, file, data }) => ({ slug, file, data })),
    sources: [...project.sources],
    families: [...project.families.keys()],
  };
}

const fresh = (root: string, env: NodeJS.ProcessEnv) => comparable(loadProject(createNodeWorld(root, env)));

describe('LiveProject', () => {
  it('loads again only the school file that was saved, and gives the project a fresh load gives', () => {
    const { root, env, live, first } = setUp();
    writeFileSync(join(root, 'schools/c.yaml'), named(3).replace(/lockout_minutes: \d+/, 'lockout_minutes: 25'));
    const after = live.reload(['schools/c.yaml']);
    expect(comparable(after)).toEqual(fresh(root, env));
    expect(JSON.stringify(after.documents.get('c'))).toContain('25 minutes');
    // The other schools are the very objects loaded first: they were not loaded again.
    expect(after.documents.get('a')).toBe(first.documents.get('a'));
    expect(after.documents.get('b')).toBe(first.documents.get('b'));
    expect(after.documents.get('c')).not.toBe(first.documents.get('c'));
  });

  it('takes in a school file added, deleted or renamed, and a school file that became wrong, in file order', () => {
    const { root, env, live } = setUp();
    writeFileSync(join(root, 'schools/aa.yaml'), named(4));
    expect(comparable(live.reload(['schools/aa.yaml']))).toEqual(fresh(root, env));
    rmSync(join(root, 'schools/a.yaml'));
    renameSync(join(root, 'schools/c.yaml'), join(root, 'schools/d.yml'));
    const renamed = live.reload(['schools/a.yaml', 'schools/c.yaml', 'schools/d.yml']);
    expect([...renamed.documents.keys()]).toEqual(['aa', 'b', 'd']);
    expect(comparable(renamed)).toEqual(fresh(root, env));
    appendFileSync(join(root, 'schools/b.yaml'), 'lockout_minutes: soon\n');
    const wrong = live.reload(['schools/b.yaml']);
    expect(wrong.diagnostics.map((d) => `${d.file} ${d.code}`)).toContain('schools/b.yaml DUPLICATE_KEY');
    expect(comparable(wrong)).toEqual(fresh(root, env));
  });

  it('loads again a school whose defaults file is another school file, when that file is saved', () => {
    const { root, env, live } = setUp();
    writeFileSync(join(root, 'schools/c.yaml'), `defaults: a.yaml\n${named(3)}`.replace(/backup:\n  provider: RedStor\n/, ''));
    live.reload(['schools/c.yaml']);
    writeFileSync(join(root, 'schools/a.yaml'), named(1).replace('provider: RedStor', 'provider: Redstor Cloud'));
    const after = live.reload(['schools/a.yaml']);
    expect(JSON.stringify(after.documents.get('c'))).toContain('Redstor Cloud');
    expect(comparable(after)).toEqual(fresh(root, env));
  });

  it('reports a problem with a template family once, when a school kept and a school loaded again both use it', () => {
    const { root, env, live } = setUp();
    writeFileSync(join(root, 'schools/a.yaml'), `template: no-such-family\n${named(1)}`);
    writeFileSync(join(root, 'schools/c.yaml'), `template: no-such-family\n${named(3)}`);
    live.reload(['schools/a.yaml', 'schools/c.yaml']);
    writeFileSync(join(root, 'schools/c.yaml'), `template: no-such-family\n${named(3).replace('Test Primary', 'Test Junior')}`);
    const after = live.reload(['schools/c.yaml']);
    expect(comparable(after)).toEqual(fresh(root, env));
    expect(after.diagnostics.filter((d) => d.file === 'templates/no-such-family/family.yaml')).toHaveLength(1);
  });

  it('loads every school again when a template or a trust’s defaults file changes', () => {
    const { root, env, live, first } = setUp();
    writeFileSync(join(root, 'trusts/trust.yaml'), 'backup:\n  scope: the cloud\n');
    const trust = live.reload(['trusts/trust.yaml']);
    expect(JSON.stringify(trust.documents.get('b'))).toContain('the cloud');
    expect(trust.documents.get('a')).not.toBe(first.documents.get('a'));
    expect(comparable(trust)).toEqual(fresh(root, env));

    const template = join(root, 'templates/lgfl-e-security/introduction.mdx');
    writeFileSync(template, readFileSync(template, 'utf8').replace('an integral part of school life', 'an integral part of school life. A sentence added to every school'));
    const after = live.reload(['templates/lgfl-e-security/introduction.mdx']);
    for (const slug of ['a', 'b', 'c']) expect(JSON.stringify(after.documents.get(slug))).toContain('A sentence added to every school');
    expect(comparable(after)).toEqual(fresh(root, env));
  });

  it('loads every school again on a new day (a review may have become due)', () => {
    const root = setUp().root;
    let today = TEST_TODAY_EPOCH;
    const live = new LiveProject(() => createNodeWorld(root, { SOURCE_DATE_EPOCH: today }));
    const before = live.load();
    expect(live.reload(['schools/c.yaml']).documents.get('a')).toBe(before.documents.get('a'));
    today = String(Number(TEST_TODAY_EPOCH) + 86_400);
    expect(live.reload(['schools/c.yaml']).documents.get('a')).not.toBe(before.documents.get('a'));
  });

  it('knows a school file from the other files in schools/', () => {
    expect(['schools/a.yaml', 'schools/b.YML'].every(isSchoolFile)).toBe(true);
    expect(['schools/.a.yaml.swp', 'schools/.a.yaml', 'schools/a.yaml~', 'schools/logos/a.yaml', 'schools/notes.txt', 'trusts/t.yaml'].some(isSchoolFile)).toBe(false);
  });
});
