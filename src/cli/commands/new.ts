// `policy-press new "School name"`: scaffold a school file for a template family, every field explained.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { didYouMean, hasErrors } from '../../diagnostics/index.ts';
import { DEFAULT_FAMILY, isSlug, SCHOOLS_DIR, slugify } from '../../project/loadProject.ts';
import { scaffold } from '../../project/scaffold.ts';
import { listFamilies, loadFamily } from '../../render/loadFamily.ts';
import { type Command, EXIT, UsageError } from '../Command.ts';
import { printDiagnostics } from '../printDiagnostics.ts';

export const newSchool: Command = {
  name: 'new',
  summary: 'scaffold a school file with every field its template uses, explained',
  usage: 'policy-press new "School name" [--template FAMILY] [--slug SLUG]',
  help: `Writes ${SCHOOLS_DIR}/<slug>.yaml, where <slug> comes from the name
("Ashmole Primary" → ashmole-primary), with every field the school's model
policy prints, each explained. Required fields hold TODO, so
\`policy-press check\` lists what is left to fill in; optional ones are
commented out, with an example. It never overwrites an existing file.

Options:
  --template FAMILY  the model policy to follow: a folder under templates/
                     (default ${DEFAULT_FAMILY}; \`policy-press templates\` lists them)
  --slug SLUG        choose the file name (and web address) yourself
  -h, --help         show this help`,
  options: { slug: { type: 'string' }, template: { type: 'string' } },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1 || !positionals[0]!.trim()) throw new UsageError('give the school\'s name in quotes, e.g. `policy-press new "Ashmole Primary"`');
    const name = positionals[0]!.trim().replace(/\s+/g, ' '); // one line, as the policy prints it
    const slug = (values.slug as string | undefined) ?? slugify(name);
    if (!isSlug(slug)) throw new UsageError(`"${slug}" is not a usable slug: use lower-case letters, digits and hyphens (--slug oak-academy)`);
    const familyName = (values.template as string | undefined)?.trim() || DEFAULT_FAMILY;
    const families = listFamilies(io.world);
    if (!families.includes(familyName)) {
      const guess = didYouMean(familyName, families);
      throw new UsageError(`there is no template family "${familyName}"${guess ? `: did you mean ${guess}?` : ''} (the families are: ${families.join(', ') || 'none, in templates/'})`);
    }
    const family = loadFamily(io.world, familyName);
    if (!family.value || hasErrors(family.diagnostics)) {
      printDiagnostics(family.diagnostics, family.sources, io);
      io.stderr('The template family has errors, so no school file was written.\n');
      return EXIT.FAILED;
    }
    const file = `${SCHOOLS_DIR}/${slug}.yaml`;
    const abs = join(io.world.root, file);
    if (existsSync(abs) || existsSync(abs.replace(/\.yaml$/, '.yml'))) {
      io.stderr(`${file} already exists; nothing was written.\nEdit it, or choose another file name with --slug.\n`);
      return EXIT.FAILED;
    }
    mkdirSync(join(io.world.root, SCHOOLS_DIR), { recursive: true });
    writeFileSync(abs, scaffold(name, family.value), { flag: 'wx' });
    io.stderr(`wrote ${file}\nFill in the TODOs, then run \`npx policy-press check\`.\n`);
    return EXIT.OK;
  },
};
