// A World that reads the project as it was at a git revision, so any revision renders with today's code.

import { execFileSync } from 'node:child_process';
import type { World } from '../project/World.ts';

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

/** Path of the project inside the repository ('' at the top), for `git show REV:path`. */
function prefixOf(root: string): string {
  return git(root, ['rev-parse', '--show-prefix']).toString().trim();
}

export function createGitWorld(root: string, commit: string, today: () => string): World {
  const prefix = prefixOf(root);
  // One `git ls-tree` lists every file of the revision; reads are then one `git show` each.
  const entries = new Map<string, 'blob' | 'tree'>();
  for (const line of git(root, ['ls-tree', '-r', '-t', '-z', commit, '--', prefix || '.']).toString().split('\0')) {
    const m = /^\d+ (blob|tree) [0-9a-f]+\t(.*)$/s.exec(line);
    if (m) entries.set(m[2]!.slice(prefix.length), m[1] as 'blob' | 'tree');
  }
  return {
    root,
    readFile(path) {
      if (entries.get(path) !== 'blob') return undefined;
      return git(root, ['show', `${commit}:${prefix}${path}`]);
    },
    listDir(path) {
      const dir = path.replace(/\/$/, '');
      return [...entries.keys()]
        .filter((p) => p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/'))
        .map((p) => p.slice(dir.length + 1))
        .sort();
    },
    isDirectory(path) {
      return entries.get(path.replace(/\/$/, '')) === 'tree';
    },
    today,
  };
}

/** Commits touching any of the paths, newest first. */
export function commitsTouching(root: string, paths: string[]): string[] {
  // A repository with no commit yet has no history to walk.
  try {
    git(root, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  } catch {
    return [];
  }
  const out = git(root, ['rev-list', 'HEAD', '--', ...paths]).toString().trim();
  return out ? out.split('\n') : [];
}

export function shortRevision(root: string, commit: string): string {
  return git(root, ['rev-parse', '--short', commit]).toString().trim();
}

/** The day a commit was made (committer date, YYYY-MM-DD, in its own time zone). */
export function commitDate(root: string, commit: string): string {
  return git(root, ['show', '-s', '--format=%cd', '--date=short', commit]).toString().trim();
}
