// Reading a project as it was at a git revision (src/diff/gitWorld.ts): the bytes of each file at each commit.

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commitDate, commitsTouching, createGitWorld, shortRevision } from '../src/diff/gitWorld.ts';
import { git as gitIn } from './support/git.ts';

const root = mkdtempSync(join(tmpdir(), 'pp-git-world-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const git = (...args: string[]) => gitIn(root, ...args).trim();
const write = (path: string, bytes: string | Uint8Array) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), bytes);
};
const today = () => '2026-01-01';
const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : Buffer.from(bytes).toString('latin1'));

describe('createGitWorld', () => {
  // Files read together (a folder at once) and files read alone (over the batch size), empty and binary.
  const large = Buffer.alloc(1024 * 1024 + 10, 'x');
  const binary = Uint8Array.from({ length: 256 }, (_, i) => i);
  git('init', '-q', '-b', 'main');
  write('templates/lgfl/a.mdx', 'first a\n');
  write('templates/lgfl/b.mdx', 'first b\nwith a second line\n');
  write('templates/lgfl/empty.mdx', '');
  write('templates/lgfl/large.txt', large);
  write('templates/lgfl/binary.bin', binary);
  write('schools/oak.yaml', 'name: Oak\n');
  git('add', '.');
  git('commit', '-qm', 'one');
  const one = git('rev-parse', 'HEAD');
  write('templates/lgfl/b.mdx', 'second b\n');
  write('schools/oak.yaml', 'name: Oak Primary\n');
  git('add', '.');
  git('commit', '-qm', 'two');
  const two = git('rev-parse', 'HEAD');
  // The working tree differs from both commits: a revision's world must not read it.
  write('templates/lgfl/a.mdx', 'working tree a\n');

  it('gives each file as it was at each commit, read in any order', () => {
    const worlds = { one: createGitWorld(root, one, today), two: createGitWorld(root, two, today) };
    expect(text(worlds.two.readFile('templates/lgfl/b.mdx'))).toBe('second b\n');
    expect(text(worlds.one.readFile('templates/lgfl/b.mdx'))).toBe('first b\nwith a second line\n');
    for (const world of [worlds.one, worlds.two]) {
      expect(text(world.readFile('templates/lgfl/a.mdx'))).toBe('first a\n');
      expect(text(world.readFile('templates/lgfl/empty.mdx'))).toBe('');
      expect(Buffer.from(world.readFile('templates/lgfl/large.txt')!).equals(large)).toBe(true);
      expect([...world.readFile('templates/lgfl/binary.bin')!]).toEqual([...binary]);
      expect(world.readFile('templates/lgfl/missing.mdx')).toBeUndefined();
      expect(world.readFile('templates/lgfl')).toBeUndefined();
    }
    expect(text(worlds.one.readFile('schools/oak.yaml'))).toBe('name: Oak\n');
    expect(text(worlds.two.readFile('schools/oak.yaml'))).toBe('name: Oak Primary\n');
  });

  it('reads a revision named otherwise than by its id as it is now, not as it was first read', () => {
    expect(text(createGitWorld(root, 'HEAD', today).readFile('schools/oak.yaml'))).toBe('name: Oak Primary\n');
    write('schools/oak.yaml', 'name: Oak Primary School\n');
    git('commit', '-qam', 'three');
    expect(text(createGitWorld(root, 'HEAD', today).readFile('schools/oak.yaml'))).toBe('name: Oak Primary School\n');
    expect(text(createGitWorld(root, two, today).readFile('schools/oak.yaml'))).toBe('name: Oak Primary\n');
  });

  it("lists the commits touching a path, newest first, with each one's short name and date as git gives them", () => {
    // Whatever the user's log settings: following renames would list the commits of one file's history.
    git('config', 'log.follow', 'true');
    const commits = commitsTouching(root, ['schools']);
    expect(commits).toEqual(git('rev-list', 'HEAD', '--', 'schools').split('\n'));
    expect(commits).toHaveLength(3);
    for (const commit of commits) {
      expect(shortRevision(root, commit)).toBe(git('rev-parse', '--short', commit));
      expect(commitDate(root, commit)).toBe(git('show', '-s', '--format=%cd', '--date=short', commit));
    }
    expect(commitsTouching(root, ['no-such-folder'])).toEqual([]);
  });

  it('lists folders as they were', () => {
    const world = createGitWorld(root, one, today);
    expect(world.listDir('templates/lgfl')).toEqual(['a.mdx', 'b.mdx', 'binary.bin', 'empty.mdx', 'large.txt']);
    expect(world.isDirectory('templates/lgfl')).toBe(true);
    expect(world.isDirectory('templates/lgfl/a.mdx')).toBe(false);
  });
});

describe('a history read at once (commitsTouching)', () => {
  // The project in a folder of the repository, nested folders, a link, an empty folder's file moving, a file renamed.
  const repo = mkdtempSync(join(tmpdir(), 'pp-git-trees-'));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  const project = join(repo, 'policies');
  const g = (...args: string[]) => gitIn(repo, ...args).trim();
  const put = (path: string, bytes: string) => {
    mkdirSync(join(project, path, '..'), { recursive: true });
    writeFileSync(join(project, path), bytes);
  };
  g('init', '-q', '-b', 'main');
  writeFileSync(join(repo, 'outside.txt'), 'not the project\n');
  put('schools/oak.yaml', 'name: Oak\n');
  put('templates/lgfl/family.yaml', 'title: E-Security\n');
  put('templates/lgfl/deep/er/part.mdx', 'deep\n');
  g('add', '-A');
  g('commit', '-qm', 'one');
  put('schools/ash.yaml', 'name: Ash\n');
  symlinkSync('oak.yaml', join(project, 'schools/link.yaml'));
  g('add', '-A');
  g('commit', '-qm', 'two');
  g('mv', 'policies/templates/lgfl/deep/er/part.mdx', 'policies/templates/lgfl/part.mdx');
  g('commit', '-qm', 'three');
  writeFileSync(join(repo, 'outside.txt'), 'changed, outside the project\n');
  g('commit', '-qam', 'four');

  /** What `git ls-tree` says of the project at a commit: each path under it, a folder or a file's object id. */
  function lsTree(commit: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const line of g('ls-tree', '-r', '-t', '-z', commit, '--', 'policies/').split('\0').filter(Boolean)) {
      const [meta, path] = line.split('\t') as [string, string];
      const [, type, id] = meta.split(' ') as [string, string, string];
      // (It names the project's own folder too, which is no path inside it.)
      if (path !== 'policies') out.set(path.slice('policies/'.length), type === 'tree' ? 'tree' : id);
    }
    return out;
  }

  it('gives every commit touching the project the files and folders git ls-tree gives', () => {
    const commits = commitsTouching(project, ['.']);
    expect(commits).toEqual(g('rev-list', 'HEAD', '--', 'policies').split('\n'));
    expect(commits).toHaveLength(3);
    for (const commit of commits) {
      const world = createGitWorld(project, commit, today);
      const seen = new Map<string, string>();
      const walk = (folder: string) => {
        for (const name of world.listDir(folder)) {
          const path = folder ? `${folder}/${name}` : name;
          if (world.isDirectory(path)) {
            seen.set(path, 'tree');
            walk(path);
          } else {
            seen.set(path, world.objectId(path)!);
          }
        }
      };
      walk('');
      expect(seen, commit).toEqual(lsTree(commit));
    }
    expect(text(createGitWorld(project, commits.at(-1)!, today).readFile('templates/lgfl/deep/er/part.mdx'))).toBe('deep\n');
  });
});
