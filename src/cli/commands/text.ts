// `policy-press text SLUG`: the plain-text rendering of a school's policy (or its tree).

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { hasErrors } from '../../diagnostics/index.ts';
import { looksLikePdf, NotOurPdfError, readEmbeddedSource } from '../../diff/embeddedSource.ts';
import { loadPolicies } from '../../project/loadPolicies.ts';
import { dumpTree } from '../../tree/dumpTree.ts';
import { toPlainText } from '../../write/text/toPlainText.ts';
import { type Command, EXIT, UsageError } from '../Command.ts';
import { printDiagnostics } from '../printDiagnostics.ts';

export const text: Command = {
  name: 'text',
  summary: "print a school's policy as plain text",
  usage: 'policy-press text SLUG|FILE.pdf [--ids] [--tree]',
  help: `Prints the policy of schools/SLUG.yaml as plain text: headings, clauses and
tables, one line each. This is the text the web page and the PDF show, and the
base for diffs and search.

Given a PDF that policy-press built (a signed copy too), prints the text it
carries inside, exactly as it was built. git uses this to show readable diffs
of PDFs (see \`policy-press git-setup\`).

Options:
  --ids       put each clause's id in [brackets] before it, to write
              \`clauses:\` changes in the school file
  --tree      print the document tree instead (for debugging templates)
  -h, --help  show this help`,
  options: { ids: { type: 'boolean' }, tree: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('give exactly one school slug, e.g. `policy-press text ashmole-primary`');
    const slug = positionals[0]!;
    if (/[/\\.]/.test(slug) && existsSync(resolve(io.cwd, slug))) return printPdfText(resolve(io.cwd, slug), slug, io);
    const project = await loadPolicies(io.world, { only: [slug] });
    printDiagnostics(project.diagnostics, project.sources, io);
    const doc = project.documents.get(slug);
    if (!doc || hasErrors(project.diagnostics)) return EXIT.FAILED;
    io.stdout(values.tree ? dumpTree(doc) : toPlainText(doc, { ids: Boolean(values.ids) }));
    return EXIT.OK;
  },
};

async function printPdfText(path: string, label: string, io: Parameters<Command['run']>[1]): Promise<number> {
  const bytes = readFileSync(path);
  const fail = (code: string, message: string, hint: string) => {
    printDiagnostics([{ code, severity: 'error', message, hint, file: label }], new Map(), io);
    return EXIT.FAILED;
  };
  if (!looksLikePdf(bytes)) return fail('NOT_A_PDF', `${label} is not a PDF`, 'give a school slug or a PDF that policy-press built');
  try {
    const source = await readEmbeddedSource(bytes);
    if (!source) return fail('NO_EMBEDDED_SOURCE', `${label} carries no policy-press text`, 'only PDFs built by policy-press embed their text; try pdftotext for others');
    io.stdout(source.text);
    return EXIT.OK;
  } catch (error) {
    if (error instanceof NotOurPdfError) return fail('NOT_A_PDF', `${label}: ${error.message}`, 'give a PDF that policy-press built');
    throw error;
  }
}
