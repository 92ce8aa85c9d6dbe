// The last commit that changed each school's policy, found in one walk that skips unchanged commits, is the
// commit found by loading every school at every commit.

import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGitWorld } from '../src/diff/gitWorld.ts';
import { type CurrentPolicy, HistoryWalk, lastChanges } from '../src/diff/lastChanges.ts';
import { versionFromWorld } from '../src/diff/revisions.ts';
import { loadProject, type Project } from '../src/project/loadProject.ts';
import { answersTheSame } from '../src/project/recordReads.ts';
import { createNodeWorld, type World } from '../src/project/World.ts';
import { toPlainText } from '../src/write/text/toPlainText.ts';
import { REPO, school, TEST_TODAY_EPOCH, tempProject } from './support/tempProject.ts';
import { git } from './support/git.ts';
import { tinyPng } from './support/tinyPng.ts';

const LGFL_SECTION = 'templates/lgfl-e-security/technical-or-manual-solutions.mdx';
const HERTS_SECTION = 'templates/herts-data-security/e-mail.mdx';

let root: string;
let world: World;
/** Edits a file of the project (a function of its text, or the new contents; undefined deletes it). */
const edit = (path: string, change: ((text: string) => string) | string | Uint8Array | undefined) => {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  if (change === undefined) rmSync(file);
  else writeFileSync(file, typeof change === 'function' ? change(readFileSync(file, 'utf8')) : change);
};
const commit = (message: string) => {
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', message);
};

beforeAll(() => {
  root = tempProject();
  for (const dir of ['schools', 'trusts']) cpSync(join(REPO, dir), join(root, dir), { recursive: true });
  world = createNodeWorld(root, { SOURCE_DATE_EPOCH: TEST_TODAY_EPOCH });
  git(root, 'init', '-q', '-b', 'main');
  commit('the examples');
  // A problem in any family stops every school loading, so older commits are not looked at.
  const herts = readFileSync(join(root, HERTS_SECTION), 'utf8');
  edit(HERTS_SECTION, `${herts}\n<Clause id="unclosed">Broken\n`);
  commit('a broken herts template');
  edit(HERTS_SECTION, herts);
  commit('mended');
  edit(LGFL_SECTION, (t) => t.replace('Paper based sensitive information is shredded', 'Paper based sensitive information is securely shredded'));
  commit('lgfl wording');
  edit('README.md', 'About these policies.\n');
  commit('a readme');
  edit('schools/hampton-wick.yaml', (t) => t.replace('lockout_minutes: 10', 'lockout_minutes: 5'));
  commit('hampton-wick locks sooner');
  edit('trusts/meadowbank-learning-trust.yaml', (t) => t.replace('every 90 days', 'every 60 days'));
  commit('the trust changes passwords more often');
  edit('schools/logos/ashmole.png', tinyPng(120, 60, [20, 60, 120]));
  edit('schools/ashmole-primary.yaml', (t) => t.replace('  name: Ashmole Primary\n', '  name: Ashmole Primary\n  logo: logos/ashmole.png\n'));
  commit('ashmole has a logo');
  edit('schools/logos/ashmole.png', tinyPng(120, 60, [120, 20, 20]));
  commit('a new logo for ashmole');
  edit('schools/new-primary.yaml', school((y) => y.replace('name: Test Primary', 'name: New Primary')));
  commit('a new school');
  edit('schools/lady-margaret.yml', readFileSync(join(root, 'schools/lady-margaret.yaml')));
  commit('lady-margaret twice');
  edit('schools/lady-margaret.yml', undefined);
  commit('lady-margaret once');
  edit(HERTS_SECTION, (t) => `${t}\n{/* a note for template authors, not printed */}\n`);
  commit('a herts note');
  // Not committed: the working tree differs from HEAD here.
  edit('schools/holywell-primary.yaml', (t) => t.replace('min_length: 6', 'min_length: 8'));
});

/** The reference: every school loaded at every commit touching the project, newest first, until its text differs. */
function byLoadingEveryCommit(slug: string, text: string): { commit: string; text: string | undefined } | undefined {
  for (const commit of git(root, 'rev-list', 'HEAD', '--', '.').trim().split('\n')) {
    const version = versionFromWorld(createGitWorld(root, commit, world.today), slug, commit).value;
    const then = version?.doc ? toPlainText(version.doc) : '';
    if (then !== text) return { commit, text: version ? (version.doc ? then : '') : undefined };
  }
  return undefined;
}

const current = (project: Project, withReads: boolean): CurrentPolicy[] =>
  [...project.documents].map(([slug, doc]) => {
    const school = project.reads?.schools.get(slug);
    return { slug, text: toPlainText(doc), reads: withReads && school ? { families: project.reads!.families, school } : undefined };
  });

describe('lastChanges', () => {
  it('finds, for every school, the commit that loading it at every commit finds', () => {
    const project = loadProject(world);
    expect(project.documents.size).toBe(7);
    const expected = new Map(current(project, false).map(({ slug, text }) => [slug, byLoadingEveryCommit(slug, text)]));
    const subjects = git(root, 'log', '--format=%H %s').trim().split('\n').map((line) => [line.slice(0, 40), line.slice(41)] as const);
    const subject = new Map(subjects);
    // The history above: for each school, the newest commit at which its text was not what it is now (the
    // one before its last change), or at which it did not exist or did not load.
    expect(Object.fromEntries([...expected].map(([slug, found]) => [slug, found && subject.get(found.commit)]))).toEqual({
      'ashmole-primary': 'mended', // before "lgfl wording"; its new logo changes no words
      'hampton-wick': 'a readme', // before "hampton-wick locks sooner"
      'holywell-primary': 'a herts note', // HEAD: its file is edited since
      'kingfisher-primary-academy': 'hampton-wick locks sooner', // before the trust's change
      'lady-margaret': 'lady-margaret twice', // two files gave its slug
      'new-primary': 'a new logo for ashmole', // before it was added
      'ysgol-gynradd-llanfair': 'mended',
    });
    for (const withReads of [true, false]) {
      const walk = new HistoryWalk(world);
      const found = new Map(current(project, withReads).flatMap((policy) => {
        const change = walk.lastChange(policy);
        return change ? [[policy.slug, change] as const] : [];
      }));
      // The templates are loaded once for each set of them the walk loads a school with, not at every commit
      // (7 times with reads, before): HEAD's, those before "a herts note", and before "lgfl wording" the
      // examples' as first committed ("mended" brought them back; no school's walk goes further).
      expect(walk.familyLoads, `with reads: ${withReads}`).toBe(3);
      const got = new Map([...found].map(([slug, { commit, version }]) => [slug, { commit, text: version ? (version.doc ? toPlainText(version.doc) : '') : undefined }]));
      expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected));
      expect(lastChanges(world, current(project, withReads))).toEqual(found);
    }
  });

  it('knows a commit renders a school the same when git answers its reads the same, so need not load it there', () => {
    const project = loadProject(world);
    const head = createGitWorld(root, git(root, 'rev-parse', 'HEAD').trim(), world.today);
    const names = new Map([...project.documents.keys()].map((slug) => [slug, `${slug}.yaml`]));
    const same = (slug: string) => answersTheSame(project.reads!.schools.get(slug)!.own, head, names);
    // Holywell's file is edited and not committed; the others are as committed.
    expect([...project.documents.keys()].filter((slug) => !same(slug))).toEqual(['holywell-primary']);
    for (const reads of [project.reads!.families.list, ...project.reads!.families.byName.values()]) expect(answersTheSame(reads, head, names)).toBe(true);
    // The logo is a read of its own: the commit before the new one has the old logo.
    const before = createGitWorld(root, git(root, 'rev-list', '-1', 'HEAD', '--grep', 'ashmole has a logo').trim(), world.today);
    expect(answersTheSame(project.reads!.schools.get('ashmole-primary')!.own, before, names)).toBe(false);
    // A school added or removed is not a read of another: only the names that give its own slug are.
    expect(answersTheSame(project.reads!.schools.get('hampton-wick')!.own, head, new Map([...names, ['another', 'another.yaml']]))).toBe(true);
    expect(answersTheSame(project.reads!.schools.get('hampton-wick')!.own, head, new Map([...names, ['hampton-wick', 'hampton-wick.yaml/hampton-wick.yml']]))).toBe(false);
    expect(project.reads!.schools.get('kingfisher-primary-academy')!.own.has('file:trusts/meadowbank-learning-trust.yaml')).toBe(true);
    expect(project.reads!.schools.get('holywell-primary')!.families).toEqual(['herts-data-security']);
  });
});
