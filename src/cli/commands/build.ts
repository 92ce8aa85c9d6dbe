// `policy-press build`: validate, then build dist/ (replacing it only when everything succeeded).

import { resolve } from 'node:path';
import { type Diagnostic, hasErrors } from '../../diagnostics/index.ts';
import { Build } from '../../build/buildProject.ts';
import { limitHeapGrowth } from '../../build/heapGrowth.ts';
import { BuildStepFailed } from '../../build/BuildStepFailed.ts';
import type { Policies } from '../../project/loadPolicies.ts';
import { forgetSourceTexts } from '../../project/loadProject.ts';
import { type Command, EXIT } from '../Command.ts';
import { printDiagnostics } from '../printDiagnostics.ts';
import { createLoadingProgress, createProgress } from '../progress.ts';

/** Every way a build ends without publishing says the same about dist/. */
const stopped = (signal?: NodeJS.Signals) => `Build stopped${signal ? ` (${signal})` : ''}: dist/ was not changed.\n`;

export const build: Command = {
  name: 'build',
  summary: 'validate, then build every school into dist/',
  usage: 'policy-press build [--out DIR] [--base PATH] [--no-cache]',
  help: `Checks every school and template as \`policy-press check\` does; on any error it
stops with the diagnostics and leaves the previous dist/ exactly as it was.
Otherwise it writes every output to a staging folder and swaps it in for dist/.
Stopped with Ctrl-C, it removes the staging folder and leaves dist/ as it was
(the staging folder of a build stopped any other way, the next build removes).

Outputs:
  dist/index.html          every school, its review dates and status
  dist/search/             search across every policy (index in dist/pagefind/)
and for each school file schools/<slug>.yaml:
  dist/<slug>/index.html   the policy as a web page
  dist/<slug>/policy.html  the same, as one self-contained file for the
                           school's own website (styles inline, no scripts)
  dist/<slug>/policy.pdf   the PDF, with the governor sign-off page
  dist/<slug>/policy.txt   the plain-text rendering
  dist/<slug>/policy-signed.pdf  the newest signed copy in approved/<slug>/
                           whose wording is the current policy, if any; and
  dist/<slug>/approval.json      who signed it and when (or that the policy
                           has changed since), as the page says

Options:
  --out DIR   write to DIR instead of dist/ (its folders are made if missing)
  --base PATH the URL path the site will be served under, e.g. /policies/
              (default /, or the POLICY_PRESS_BASE environment variable)
  --no-cache  draw every PDF and index every page again; by default a PDF
              whose school, templates and policy-press are unchanged since the
              last build is copied from .cache/policy-press/pdf/, and a bundle
              of the search index whose pages are unchanged from
              .cache/policy-press/search/
  -h, --help  show this help

Set SOURCE_DATE_EPOCH for byte-identical rebuilds. Set POLICY_PRESS_SEAL_P12
(and POLICY_PRESS_SEAL_PASSPHRASE) to certify every PDF with an issuer's seal.
The search index is made in bundles of at most 125 pages (dist/pagefind/,
dist/pagefind/part-2/, …) that the search page searches as one; set
POLICY_PRESS_SEARCH_BUNDLE_PAGES for another size.`,
  options: { out: { type: 'string' }, base: { type: 'string' }, 'no-cache': { type: 'boolean' } },
  allowPositionals: false,
  async run({ values }, io) {
    limitHeapGrowth();
    const progress = createProgress(io.stderr, io.isTTY);
    const report = (diagnostics: Diagnostic[]) => printDiagnostics(diagnostics, new Map(), io);
    // Ctrl-C (or a CI job cancelled): Astro cannot be stopped halfway and awaited, so the build removes
    // its staging folder (see Build) and the process ends here, with dist/ as it was.
    const interrupted = new AbortController();
    let current: Build | undefined;
    const interrupt = (signal: NodeJS.Signals) => {
      interrupted.abort();
      progress.finish();
      io.stderr(stopped(signal));
      // Once the staging folder is gone (see Build.interrupted), and never more than two seconds after.
      const code = signal === 'SIGINT' ? 130 : 143;
      void Promise.race([current?.interrupted(), new Promise((done) => setTimeout(done, 2000).unref())]).finally(() => process.exit(code));
    };
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    try {
      // Started before loading, so each school's PDF is drawn as soon as it is loaded (see Build).
      const outDir = values.out === undefined ? undefined : resolve(io.cwd, values.out as string);
      let build: Build;
      try {
        build = Build.of(io.world, { root: io.world.root, outDir, base: values.base as string | undefined, cache: !values['no-cache'], progress, env: io.env, report, signal: interrupted.signal });
        current = build;
      } catch (error) {
        // Only the file system's refusals (making the staging folder beside the output) are the user's to mend.
        const code = (error as NodeJS.ErrnoException).syscall === undefined ? undefined : (error as NodeJS.ErrnoException).code;
        if (code === undefined) throw error;
        const reason = code === 'EEXIST' || code === 'ENOTDIR' ? 'a file, not a folder, is on that path' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code;
        const where = outDir ?? resolve(io.world.root, 'dist');
        report([{ code: 'CANNOT_WRITE', severity: 'error', message: `cannot make the site's staging folder beside ${where}: ${reason}`, hint: 'build into a folder you may write to (--out DIR)' }]);
        io.stderr(stopped());
        return EXIT.FAILED;
      }
      const loading = createLoadingProgress(io.stderr, io.isTTY, build.schools);
      let project: Policies;
      try {
        project = await build.load(io.world, loading.tick);
      } finally {
        loading.clear();
      }
      printDiagnostics(project.diagnostics, project.sources, io);
      if (hasErrors(project.diagnostics)) {
        await build.abandon();
        io.stderr(stopped());
        return EXIT.FAILED;
      }
      // Printed: what is left of the build reports nothing at a line of a school's file.
      forgetSourceTexts(project);
      let published: string;
      try {
        published = await build.publish(project);
      } catch (error) {
        if (!(error instanceof BuildStepFailed)) throw error;
        progress.finish();
        report(error.diagnostics);
        io.stderr(stopped());
        return EXIT.FAILED;
      }
      progress.finish();
      io.stderr(`✓ ${project.documents.size} schools → ${published}\n`);
      return EXIT.OK;
    } finally {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
    }
  },
};
