// `policy-press git-setup`: make `git diff` show PDFs as their policy text.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isGitRepository } from '../../diff/gitWorld.ts';
import { type Command, EXIT } from '../Command.ts';

export const GITATTRIBUTES_LINE = '*.pdf diff=policy';
export const TEXTCONV = 'npx --no-install policy-press text';

export const gitSetup: Command = {
  name: 'git-setup',
  summary: 'make `git diff` show policy PDFs (signed copies too) as readable text',
  usage: 'policy-press git-setup',
  help: `Adds "${GITATTRIBUTES_LINE}" to .gitattributes (commit it) and sets, in this
repository's .git/config (every clone runs this once):
  git config diff.policy.textconv "${TEXTCONV}"
Then \`git diff\` and \`git log -p\` on approved/<slug>/*.pdf show the policy text
each PDF carries instead of "Binary files differ". Running it twice is harmless.

Options:
  -h, --help  show this help`,
  options: {},
  allowPositionals: false,
  async run(_args, io) {
    const root = io.world.root;
    if (!isGitRepository(root)) {
      io.stderr('policy-press git-setup: this folder is not in a git repository; run `git init` first.\n');
      return EXIT.FAILED;
    }
    const file = join(root, '.gitattributes');
    const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (!current.split(/\r?\n/).includes(GITATTRIBUTES_LINE)) {
      writeFileSync(file, `${current}${current && !current.endsWith('\n') ? '\n' : ''}${GITATTRIBUTES_LINE}\n`);
      io.stderr(`added "${GITATTRIBUTES_LINE}" to .gitattributes (commit it)\n`);
    }
    execFileSync('git', ['config', 'diff.policy.textconv', TEXTCONV], { cwd: root });
    execFileSync('git', ['config', 'diff.policy.cachetextconv', 'true'], { cwd: root });
    io.stderr(`set diff.policy.textconv to "${TEXTCONV}"\n✓ git diff now shows policy PDFs as text\n`);
    return EXIT.OK;
  },
};
