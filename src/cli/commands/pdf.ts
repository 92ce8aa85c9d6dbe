// `policy-press pdf SLUG`: one school's policy as a PDF, without building the rest.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { schoolPdf } from '../../build/writePdfs.ts';
import { hasErrors } from '../../diagnostics/index.ts';
import { loadPolicies } from '../../project/loadPolicies.ts';
import { type Command, EXIT, UsageError } from '../Command.ts';
import { printDiagnostics } from '../printDiagnostics.ts';

export const pdf: Command = {
  name: 'pdf',
  summary: "write one school's policy as a PDF for governor sign-off",
  usage: 'policy-press pdf SLUG [-o FILE.pdf]',
  help: `Checks schools/SLUG.yaml and the templates as \`policy-press check\` does, then
writes the school's policy as a PDF: title page, contents, the policy (the same
words as the web page), and a governor sign-off page with empty signature,
name and date fields for each signatory (sign_off.signatories in the YAML;
default Chair of Governors and Headteacher). \`policy-press build\` writes the
same file to dist/SLUG/policy.pdf.

Options:
  -o, --out FILE  where to write it (default: SLUG.pdf in the current folder)
  -h, --help      show this help

Sign-off field names, per signatory (e.g. "Chair of Governors"):
  chair_of_governors_signature, chair_of_governors_name, chair_of_governors_date

The PDF carries the policy's text, data and tree as attachments, so
\`policy-press text FILE.pdf\` and \`diff\` can read any copy of it later.

The same data gives a byte-identical file: dates come from the policy's review
and approval dates, or from SOURCE_DATE_EPOCH when set.

Exit status: 0 written, 1 a problem in the school file or templates (nothing
is written), 2 a usage error.`,
  options: { out: { type: 'string', short: 'o' } },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('give exactly one school slug, e.g. `policy-press pdf ashmole-primary`');
    const slug = positionals[0]!;
    const out = values.out as string | undefined;
    if (out !== undefined && !out.trim()) throw new UsageError('--out needs a file name, e.g. `-o policy.pdf`');
    const project = await loadPolicies(io.world, { only: [slug] });
    printDiagnostics(project.diagnostics, project.sources, io);
    const doc = project.documents.get(slug);
    if (!doc || hasErrors(project.diagnostics)) {
      io.stderr('No PDF was written.\n');
      return EXIT.FAILED;
    }
    const bytes = await schoolPdf(project, slug, io.env);
    const file = resolve(io.cwd, out ?? `${slug}.pdf`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    const shown = relative(io.cwd, file);
    io.stderr(`wrote ${shown.startsWith('..') ? file : shown} (${Math.ceil(bytes.length / 1024)} KB)\n`);
    return EXIT.OK;
  },
};
