// git in a scratch repository, with an author and committer set, so a test can commit on any machine.

import { execFileSync } from 'node:child_process';

const ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' };

/** Runs git in `root`; returns what it printed. */
export function git(root: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: root, env: ENV }).toString();
}
