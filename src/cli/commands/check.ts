// `policy-press check`: validate every school and template; write nothing.

import { hasErrors, sortDiagnostics, summarise } from '../../diagnostics/index.ts';
import { loadProject } from '../../project/loadProject.ts';
import { type Command, EXIT } from '../Command.ts';
import { printDiagnostics } from '../printDiagnostics.ts';
import { reviewReminders } from '../reviewReminders.ts';

export const check: Command = {
  name: 'check',
  summary: 'validate every school file and template; build nothing',
  usage: 'policy-press check [SLUG…] [--json] [--strict]',
  help: `Reads schools/*.yaml (with the defaults files they name) and templates/*/,
and reports every problem in every file at once, with file:line:column, a code
frame and a hint. Templates are always checked, even with SLUGs given.

Options:
  --json      print the diagnostics as JSON on stdout (for CI)
  --strict    make an overdue review an error (for a scheduled CI job that
              reminds the policy owner); a review due within 60 days is
              always a warning
  -h, --help  show this help

Today is the clock's date, or SOURCE_DATE_EPOCH when set.

Exit status: 0 when there are no errors (warnings alone are fine), 1 when there
are errors, 2 for a usage error.`,
  options: { json: { type: 'boolean' }, strict: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    const project = loadProject(io.world, positionals.length ? { only: positionals } : {});
    const diagnostics = sortDiagnostics([...project.diagnostics, ...reviewReminders(project, io.world.today(), Boolean(values.strict))]);
    if (values.json) {
      io.stdout(`${JSON.stringify({ ok: !hasErrors(diagnostics), schools: project.schools.length, diagnostics }, null, 2)}\n`);
    } else {
      printDiagnostics(diagnostics, project.sources, io);
      if (!hasErrors(diagnostics)) {
        io.stderr(`✓ ${project.documents.size} school${project.documents.size === 1 ? '' : 's'} checked${diagnostics.length ? ` (${summarise(diagnostics)})` : ''}\n`);
      }
    }
    return hasErrors(diagnostics) ? EXIT.FAILED : EXIT.OK;
  },
};
