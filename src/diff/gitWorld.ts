// A World that reads the project as it was at a git revision, so any revision renders with today's code.

import { execFileSync } from 'node:child_process';
import type { WorldWithObjectIds } from '../project/recordReads.ts';

export class GitError extends Error {
  readonly code: 'NOT_A_GIT_REPOSITORY' | 'UNKNOWN_REVISION';
  constructor(message: string, code: GitError['code']) {
    super(message);
    this.code = code;
  }
}

function git(root: string, args: string[], input?: string): Buffer {
  return execFileSync('git', args, { cwd: root, maxBuffer: 256 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'], ...(input !== undefined ? { input } : {}) });
}

export function isGitRepository(root: string): boolean {
  try {
    return git(root, ['rev-parse', '--is-inside-work-tree']).toString().trim() === 'true';
  } catch {
    return false;
  }
}

/** The full commit id of a revision, or a GitError saying why not. */
export function resolveRevision(root: string, rev: string): string {
  if (!isGitRepository(root)) throw new GitError(`${root} is not a git repository, so there are no revisions to compare`, 'NOT_A_GIT_REPOSITORY');
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).toString().trim();
  } catch {
    throw new GitError(`"${rev}" is not a revision of this repository`, 'UNKNOWN_REVISION');
  }
}

/** Path of the project inside the repository ('' at the top): `git ls-tree` names files from the top. */
function prefixOf(root: string): string {
  return once(`prefix\0${root}`, () => git(root, ['rev-parse', '--show-prefix']).toString().trim());
}

/**
 * What git says about a commit never changes, and the change summaries ask the same about the same
 * commits for every school (see revisions.ts): each answer is kept for the rest of the run.
 */
const answers = new Map<string, unknown>();
function once<T>(key: string, ask: () => T): T {
  if (!answers.has(key)) answers.set(key, ask());
  return answers.get(key) as T;
}

/** Kept only for a commit named by its full id: a name such as HEAD may mean another commit later in the run (the live preview). */
function aboutCommit<T>(root: string, commit: string, what: string, ask: () => T): T {
  return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit) ? once(`${what}\0${root}\0${commit}`, ask) : ask();
}

/** A file or folder of a revision; a file's object id is what its contents are read by. */
type Entry = { type: 'tree' } | { type: 'blob'; id: string };

/**
 * File contents by git object id. An object id names the same bytes in every revision and every
 * repository, so a template unchanged across ten commits is read once, not ten times: the change
 * summaries render each school at several revisions (see revisions.ts), and starting one `git`
 * per file took 4.4 s of the examples' 10 s build.
 */
const contents = new Map<string, Buffer>();
/** Folders' files are read together, in one `git cat-file --batch`, unless a file is larger than this. */
const BATCH_FILE_BYTES = 1024 * 1024;

/** Object sizes by id, asked only of the files of a folder about to be read together. */
const sizes = new Map<string, number>();

/** Asks the sizes of the objects with one `git cat-file --batch-check`: its output is "<id> blob <size>\n" per object. */
function askSizes(root: string, ids: string[]): void {
  if (ids.length === 0) return;
  for (const line of git(root, ['cat-file', '--batch-check'], `${ids.join('\n')}\n`).toString().trim().split('\n')) {
    const [id, , size] = line.split(' ');
    sizes.set(id!, Number(size));
  }
}

/** Reads the objects into `contents` with one `git cat-file --batch`: its output is "<id> blob <size>\n<bytes>\n" per object. */
function readObjects(root: string, ids: string[]): void {
  const out = git(root, ['cat-file', '--batch'], `${ids.join('\n')}\n`);
  let at = 0;
  for (const id of ids) {
    const header = out.subarray(at, out.indexOf(0x0a, at)).toString();
    const m = /^([0-9a-f]+) blob (\d+)$/.exec(header);
    if (!m || m[1] !== id) throw new Error(`git cat-file gave "${header}" for ${id}`);
    const start = at + header.length + 1;
    contents.set(id, out.subarray(start, start + Number(m[2])));
    at = start + Number(m[2]) + 1;
  }
}

/**
 * Every file and folder of the project at a commit, from one `git ls-tree`, with each file's object id; and
 * each folder's names. Without the sizes (`-l`), which git finds by opening every file's object: 12 ms a
 * commit instead of 4 here, and the change summaries may look at every commit.
 */
interface Tree {
  entries: ReadonlyMap<string, Entry>;
  names: ReadonlyMap<string, string[]>;
}

function treeOf(root: string, commit: string): Tree {
  return aboutCommit(root, commit, 'files', () => {
    const prefix = prefixOf(root);
    const entries = new Map<string, Entry>();
    const names = new Map<string, string[]>();
    for (const line of git(root, ['ls-tree', '-r', '-t', '-z', commit, '--', prefix || '.']).toString().split('\0')) {
      const m = /^\d+ (blob|tree) ([0-9a-f]+)\t(.*)$/s.exec(line);
      if (!m) continue;
      const path = m[3]!.slice(prefix.length);
      entries.set(path, m[1] === 'tree' ? { type: 'tree' } : { type: 'blob', id: m[2]! });
      // Folder by folder, for listDir: the change summaries list templates/ once for each school and revision.
      const slash = path.lastIndexOf('/');
      const folder = slash < 0 ? '' : path.slice(0, slash);
      if (!names.has(folder)) names.set(folder, []);
      names.get(folder)!.push(path.slice(slash + 1));
    }
    for (const list of names.values()) list.sort();
    return { entries, names };
  });
}

/** The project as it was at a commit: every read answered from git, and each file's object id given without reading it. */
export function createGitWorld(root: string, commit: string, today: () => string): WorldWithObjectIds {
  const { entries, names } = treeOf(root, commit);
  const blob = (path: string) => {
    const entry = entries.get(path);
    return entry?.type === 'blob' ? entry : undefined;
  };
  const dirOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);
  return {
    root,
    readFile(path) {
      const file = blob(path);
      if (!file) return undefined;
      if (!contents.has(file.id)) {
        // A template family, or the schools, is read file after file: so read the folder's files at once.
        const folder = dirOf(path);
        const others = new Set<string>();
        for (const [other, entry] of entries) {
          if (entry.type === 'blob' && dirOf(other) === folder && !contents.has(entry.id) && entry.id !== file.id) others.add(entry.id);
        }
        askSizes(root, [...others].filter((id) => !sizes.has(id)));
        readObjects(root, [file.id, ...[...others].filter((id) => sizes.get(id)! <= BATCH_FILE_BYTES)]);
      }
      return contents.get(file.id);
    },
    listDir(path) {
      return [...(names.get(path.replace(/\/$/, '')) ?? [])];
    },
    isDirectory(path) {
      return entries.get(path.replace(/\/$/, ''))?.type === 'tree';
    },
    objectId(path) {
      return blob(path)?.id;
    },
    today,
  };
}

/**
 * Commits touching any of the paths, newest first. Their short names and dates (shortRevision,
 * commitDate) come with them: asked one commit at a time, they took a \`git\` each, about 20 ms, for
 * every commit a school was loaded at or changed in (1.7 s of a 1,000-school build with 45 commits).
 */
export function commitsTouching(root: string, paths: string[]): string[] {
  // A repository with no commit yet has no history to walk.
  try {
    git(root, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  } catch {
    return [];
  }
  // As rev-list lists them, whatever the user's log settings (log.follow would follow one path's renames).
  const out = git(root, ['-c', 'log.follow=false', '-c', 'log.showSignature=false', 'log', '--format=%H %h %cd', '--date=short', 'HEAD', '--', ...paths]).toString().trim();
  if (!out) return [];
  return out.split('\n').map((line) => {
    const [commit, short, date] = line.split(' ') as [string, string, string];
    answers.set(`short\0${root}\0${commit}`, short);
    answers.set(`date\0${root}\0${commit}`, date);
    return commit;
  });
}

export function shortRevision(root: string, commit: string): string {
  return aboutCommit(root, commit, 'short', () => git(root, ['rev-parse', '--short', commit]).toString().trim());
}

/** The day a commit was made (committer date, YYYY-MM-DD, in its own time zone). */
export function commitDate(root: string, commit: string): string {
  return aboutCommit(root, commit, 'date', () => git(root, ['show', '-s', '--format=%cd', '--date=short', commit]).toString().trim());
}
