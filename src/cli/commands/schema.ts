// `policy-press schema`: the JSON Schema for school files, generated from the zod schemas.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SCHEMA_PATH, schoolJsonSchemaText } from '../../validate/schoolJsonSchema.ts';
import { type Command, EXIT } from '../Command.ts';

export const schema: Command = {
  name: 'schema',
  summary: 'print (or --write) the JSON Schema editors use for school files',
  usage: 'policy-press schema [--write]',
  help: `Prints the JSON Schema of a school file, generated from the zod schemas in
src/validate/schemas/. Every school file's first line points VS Code (with the
YAML extension) at the committed copy, ${SCHEMA_PATH}, for autocompletion.

Options:
  --write     write it to ${SCHEMA_PATH} (do this after changing a schema;
              a test fails while the two differ)
  -h, --help  show this help`,
  options: { write: { type: 'boolean' } },
  allowPositionals: false,
  async run({ values }, io) {
    const text = schoolJsonSchemaText();
    if (values.write) {
      mkdirSync(dirname(join(io.world.root, SCHEMA_PATH)), { recursive: true });
      writeFileSync(join(io.world.root, SCHEMA_PATH), text);
      io.stderr(`wrote ${SCHEMA_PATH}\n`);
    } else {
      io.stdout(text);
    }
    return EXIT.OK;
  },
};
