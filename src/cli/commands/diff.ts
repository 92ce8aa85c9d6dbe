// `policy-press diff SLUG`: what changed in a school's policy between two revisions (or since approval).

import type { Diagnostic } from '../../diagnostics/index.ts';
import { diffVersions } from '../../diff/diffSchool.ts';
import { diffToHtmlPage, diffToText } from '../../diff/formatDiff.ts';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHANGE_SUMMARY_ID } from '../../diff/changeSummary.ts';
import { looksLikePdf, NotOurPdfError, readEmbeddedSource } from '../../diff/embeddedSource.ts';
import { createGitWorld, GitError, resolveRevision, shortRevision } from '../../diff/gitWorld.ts';
import { lastChangedRevision, type PolicyVersion, versionFromWorld } from '../../diff/revisions.ts';
import { type Command, EXIT, UsageError } from '../Command.ts';
import { printDiagnostics } from '../printDiagnostics.ts';

const FORMATS = ['text', 'html', 'json'] as const;

/** A signed copy's own "Summary of changes" section is not part of what is compared. */
function withoutSummary(version: PolicyVersion): PolicyVersion {
  return version.doc ? { ...version, doc: { ...version.doc, children: version.doc.children.filter((s) => s.id !== CHANGE_SUMMARY_ID) } } : version;
}

async function versionFromPdf(path: string, label: string): Promise<{ value: PolicyVersion | undefined; diagnostics: Diagnostic[] }> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    return { value: undefined, diagnostics: [{ code: 'FILE_NOT_FOUND', severity: 'error', message: `${label} does not exist`, file: label }] };
  }
  if (!looksLikePdf(bytes)) throw new NotOurPdfError(`${label} is not a PDF`);
  const source = await readEmbeddedSource(bytes);
  if (!source) {
    return { value: undefined, diagnostics: [{ code: 'NO_EMBEDDED_SOURCE', severity: 'error', message: `${label} carries no policy-press source to compare`, file: label, hint: 'PDFs built by policy-press embed their source; for an older or foreign PDF, compare git revisions instead (--from REV)' }] };
  }
  return { value: { label, doc: source.tree, data: source.data }, diagnostics: [] };
}

export const diff: Command = {
  name: 'diff',
  summary: "show what changed in a school's policy: summary and redline",
  usage: 'policy-press diff SLUG [--from REV|FILE.pdf] [--to REV|worktree|FILE.pdf] [--format text|html|json]',
  help: `Renders the school's policy at two points with today's code and shows
what changed: a plain-English summary of data changes ("Screen lock-out:
5 → 10 minutes"), then the sections and clauses added, removed or moved, and
inside a reworded clause the words changed ([-old-]{+new+}).

A revision is any git revision (a commit, a tag such as approved-2024, HEAD~2);
the school file, the defaults it inherits and the templates are taken as they
were at that commit. A PDF made by policy-press (a signed copy too) carries its
own source, so it can be either side, and needs no git.

Options:
  --from REV     the older side; default: the newest signed copy in
                 approved/SLUG/, else the last commit that changed this
                 school's rendered policy
  --to REV       the newer side; default: the working tree (also: worktree)
  --format F     text (default; coloured on a terminal), html (a page with
                 accessible insertions and deletions) or json
  -h, --help     show this help`,
  options: { from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' } },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('give one school slug, e.g. `policy-press diff ashmole-primary`');
    const format = (values.format as string | undefined) ?? 'text';
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    const slug = positionals[0]!;
    const root = io.world.root;
    const fail = (diagnostics: Diagnostic[]) => {
      printDiagnostics(diagnostics, new Map(), io);
      return EXIT.FAILED;
    };
    const problem = (code: string, message: string, hint: string): Diagnostic => ({ code, severity: 'error', message, hint });

    try {
      const at = async (rev: string | undefined): Promise<{ value: PolicyVersion | undefined; diagnostics: Diagnostic[] }> => {
        if (rev === undefined || rev === 'worktree') return versionFromWorld(io.world, slug, 'the working tree');
        if (/\.pdf$/i.test(rev)) return versionFromPdf(resolve(io.cwd, rev), rev);
        const commit = resolveRevision(root, rev);
        return versionFromWorld(createGitWorld(root, commit, io.world.today), slug, `${rev === shortRevision(root, commit) ? rev : `${rev} (${shortRevision(root, commit)})`}`);
      };
      const to = await at(values.to as string | undefined);
      if (!to.value) return fail(to.diagnostics);
      if (!to.value.doc) return fail([problem('UNKNOWN_SCHOOL', `there is no school "${slug}" in ${to.value.label}`, 'check the slug: it is the file name in schools/ without .yaml')]);

      let fromRev = values.from as string | undefined;
      const signed = io.world.listDir(`approved/${slug}`).filter((n) => /^\d{4}-\d{2}-\d{2}\.pdf$/i.test(n)).sort().at(-1);
      if (fromRev === undefined && signed) fromRev = `approved/${slug}/${signed}`;
      if (fromRev === undefined) {
        const commit = lastChangedRevision(io.world, slug, to.value);
        if (!commit) return fail([problem('NO_EARLIER_VERSION', `no commit has a different version of ${slug}'s policy to compare with`, 'commit the school file first, or give --from')]);
        fromRev = commit;
      }
      const from = await at(fromRev);
      if (!from.value) return fail(from.diagnostics);

      const result = diffVersions(withoutSummary(from.value), withoutSummary(to.value));
      if (format === 'json') io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      else if (format === 'html') io.stdout(diffToHtmlPage(result));
      else io.stdout(diffToText(result, io.isTTY && !io.env.NO_COLOR && Boolean(process.stdout.isTTY)));
      return EXIT.OK;
    } catch (error) {
      if (error instanceof NotOurPdfError) return fail([problem('NOT_A_PDF', error.message, 'give a PDF that policy-press built (dist/<slug>/policy.pdf, or a signed copy of one)')]);
      if (error instanceof GitError) {
        return fail([problem(error.code, error.message, error.code === 'UNKNOWN_REVISION' ? 'list revisions with `git log --oneline`; a tag or branch name works too' : 'run policy-press inside the git repository that holds schools/ and templates/')]);
      }
      throw error;
    }
  },
};
