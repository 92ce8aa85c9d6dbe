// `policy-press text SLUG`: the plain-text rendering of a school's policy (or its tree).

import { hasErrors } from '../../diagnostics/index.ts';
import { loadProject } from '../../project/loadProject.ts';
import { dumpTree } from '../../tree/dumpTree.ts';
import { toPlainText } from '../../write/text/toPlainText.ts';
import { type Command, EXIT, UsageError } from '../Command.ts';
import { printDiagnostics } from '../printDiagnostics.ts';

export const text: Command = {
  name: 'text',
  summary: "print a school's policy as plain text",
  usage: 'policy-press text SLUG [--ids] [--tree]',
  help: `Prints the policy of schools/SLUG.yaml as plain text: headings, clauses and
tables, one line each. This is the text the web page and the PDF show, and the
base for diffs and search.

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
    const project = loadProject(io.world, { only: [slug] });
    printDiagnostics(project.diagnostics, project.sources, io);
    const doc = project.documents.get(slug);
    if (!doc || hasErrors(project.diagnostics)) return EXIT.FAILED;
    io.stdout(values.tree ? dumpTree(doc) : toPlainText(doc, { ids: Boolean(values.ids) }));
    return EXIT.OK;
  },
};
