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
    const read = readTrees.get(`${root}\0${commit}`);
    if (read !== undefined) return treeFromObjects(read);
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

/** A folder's entries as git stores them: name, type and object id. */
type TreeObject = { name: string; type: 'tree' | 'blob'; id: string }[];

/** Folders by object id: a folder unchanged from one commit to the next is the same object, read once. */
const treeObjects = new Map<string, TreeObject>();
/** The project folder's object id at each commit read with readTreesOf (by root and commit); null where it is missing. */
const readTrees = new Map<string, string | null>();

/**
 * Reads the project's folders at many commits with a few \`git cat-file --batch\` (one a level of
 * folders, each folder object once), instead of a \`git ls-tree\` a commit: about 20 ms each, which a
 * history of 300 commits would spend 6 s on. treeOf then builds a commit's files from these.
 */
function readTreesOf(root: string, commits: readonly string[]): void {
  const prefix = prefixOf(root);
  const wanted = commits.filter((commit) => !readTrees.has(`${root}\0${commit}`));
  if (wanted.length === 0) return;
  let pending = new Set<string>();
  batchObjects(root, wanted.map((commit) => `${commit}:${prefix}`), (index, id, type, bytes) => {
    const key = `${root}\0${wanted[index]}`;
    if (type !== 'tree') return void readTrees.set(key, null);
    readTrees.set(key, id);
    if (!treeObjects.has(id)) treeObjects.set(id, parseTree(bytes!, id.length / 2));
    pending.add(id);
  });
  // Then the folders inside them, a level at a time, each new folder once.
  while (pending.size > 0) {
    const next = new Set<string>();
    for (const id of pending) for (const entry of treeObjects.get(id)!) if (entry.type === 'tree' && !treeObjects.has(entry.id)) next.add(entry.id);
    const ids = [...next];
    batchObjects(root, ids, (index, id, type, bytes) => {
      if (type !== 'tree') throw new Error(`git cat-file gave a ${type} for the folder ${ids[index]}`);
      treeObjects.set(id, parseTree(bytes!, id.length / 2));
    });
    pending = next;
  }
}

/** Each object named in \`names\` (ids or <commit>:<path>), in order, from one \`git cat-file --batch\`; "missing" ones have no type. */
function batchObjects(root: string, names: readonly string[], each: (index: number, id: string, type: string | undefined, bytes: Buffer | undefined) => void): void {
  if (names.length === 0) return;
  const out = git(root, ['cat-file', '--batch'], `${names.join('\n')}\n`);
  let at = 0;
  names.forEach((name, index) => {
    const end = out.indexOf(0x0a, at);
    const header = out.subarray(at, end).toString();
    at = end + 1;
    const m = /^([0-9a-f]+) (\w+) (\d+)$/.exec(header);
    if (!m) {
      if (header.endsWith(' missing')) return each(index, '', undefined, undefined);
      throw new Error(`git cat-file gave "${header}" for ${name}`);
    }
    const size = Number(m[3]);
    each(index, m[1]!, m[2]!, out.subarray(at, at + size));
    at += size + 1;
  });
}

/**
 * A raw tree object: "<mode> <name>\\0<object id>" an entry, the id `idBytes` long (20 bytes for SHA-1, 32 for
 * SHA-256, as long as the tree's own id). Folders and files (a link is a file to ls-tree too); submodules
 * are left out, as treeOf's ls-tree pattern leaves them.
 */
function parseTree(bytes: Buffer, idBytes: number): TreeObject {
  const entries: TreeObject = [];
  let at = 0;
  while (at < bytes.length) {
    const space = bytes.indexOf(0x20, at);
    const nul = bytes.indexOf(0, space);
    const mode = bytes.subarray(at, space).toString();
    const name = bytes.subarray(space + 1, nul).toString('utf8');
    const id = bytes.subarray(nul + 1, nul + 1 + idBytes).toString('hex');
    at = nul + 1 + idBytes;
    if (mode === '40000') entries.push({ name, type: 'tree', id });
    else if (mode !== '160000') entries.push({ name, type: 'blob', id });
  }
  return entries;
}

/** A commit's files and folders, as treeOf gives them, from the folder objects readTreesOf read. */
function treeFromObjects(rootId: string | null): Tree {
  const entries = new Map<string, Entry>();
  const names = new Map<string, string[]>();
  const walk = (id: string, folder: string) => {
    const list: string[] = [];
    names.set(folder, list);
    for (const entry of treeObjects.get(id)!) {
      const path = folder ? `${folder}/${entry.name}` : entry.name;
      list.push(entry.name);
      if (entry.type === 'tree') {
        entries.set(path, { type: 'tree' });
        walk(entry.id, path);
      } else {
        entries.set(path, { type: 'blob', id: entry.id });
      }
    }
    list.sort();
  };
  if (rootId !== null) walk(rootId, '');
  return { entries, names };
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
  const commits = out.split('\n').map((line) => {
    const [commit, short, date] = line.split(' ') as [string, string, string];
    answers.set(`short\0${root}\0${commit}`, short);
    answers.set(`date\0${root}\0${commit}`, date);
    return commit;
  });
  // A history walk reads the project at many of them.
  readTreesOf(root, commits);
  return commits;
}

export function shortRevision(root: string, commit: string): string {
  return aboutCommit(root, commit, 'short', () => git(root, ['rev-parse', '--short', commit]).toString().trim());
}

/** The day a commit was made (committer date, YYYY-MM-DD, in its own time zone). */
export function commitDate(root: string, commit: string): string {
  return aboutCommit(root, commit, 'date', () => git(root, ['show', '-s', '--format=%cd', '--date=short', commit]).toString().trim());
}
