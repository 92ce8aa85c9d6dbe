// `policy-press templates`: the template families, their sections and the fields each uses.

import { hasErrors } from '../../diagnostics/index.ts';
import { listFamilies, loadFamily } from '../../render/loadFamily.ts';
import { requiredFields } from '../../render/checkFamilyFields.ts';
import { type Command, EXIT } from '../Command.ts';
import { printDiagnostics } from '../printDiagnostics.ts';

export const templates: Command = {
  name: 'templates',
  summary: 'list the template families, their sections and the fields they use',
  usage: 'policy-press templates',
  help: `Lists each model policy under templates/ with its title, version, issuer,
the attribution line its schools keep, the fields a school of that family
must give, and its section files with the school fields each one uses. A
school field its family's sections never use is warned about by \`check\`
(FIELD_NOT_USED_BY_FAMILY).

Options:
  -h, --help  show this help`,
  options: {},
  allowPositionals: false,
  async run(_args, io) {
    for (const name of listFamilies(io.world)) {
      const family = loadFamily(io.world, name);
      if (!family.value || hasErrors(family.diagnostics)) {
        printDiagnostics(family.diagnostics, family.sources, io);
        return EXIT.FAILED;
      }
      const { meta, sections } = family.value;
      io.stdout(`${name}: ${meta.title} (${meta.issued_by}, ${meta.version})\n`);
      if (meta.attribution) io.stdout(`  attribution: ${meta.attribution}\n`);
      io.stdout(`  requires: ${requiredFields(meta).join(', ')}\n`);
      for (const section of sections) {
        io.stdout(`  ${section.file.split('/').at(-1)}\n    fields: ${section.fields.join(', ') || '(none)'}\n`);
      }
    }
    return EXIT.OK;
  },
};
