// The CLI: parse the command line, run one command, return its exit code. The only place that prints.

import { parseArgs } from 'node:util';
import { createNodeWorld } from '../project/World.ts';
import { type Command, EXIT, type Io, UsageError } from './Command.ts';
import { build } from './commands/build.ts';
import { check } from './commands/check.ts';
import { dev } from './commands/dev.ts';
import { diff } from './commands/diff.ts';
import { gitSetup } from './commands/gitSetup.ts';
import { newSchool } from './commands/new.ts';
import { pdf } from './commands/pdf.ts';
import { schema } from './commands/schema.ts';
import { sign } from './commands/sign.ts';
import { templates } from './commands/templates.ts';
import { text } from './commands/text.ts';
import { verify } from './commands/verify.ts';

export const COMMANDS: Command[] = [check, build, dev, newSchool, text, pdf, sign, verify, diff, gitSetup, templates, schema];

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `policy-press: publish schools' e-security policies from YAML data

Usage: policy-press <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run \`policy-press <command> --help\` for a command's options.
Exit status: 0 all well, 1 a problem in the input or document, 2 a usage error.
`;
}

export function defaultIo(): Io {
  const cwd = process.cwd();
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd,
    world: createNodeWorld(cwd),
  };
}

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.stdout : io.stderr)(mainHelp());
    return name ? EXIT.OK : EXIT.USAGE;
  }
  if (name === '--version' || name === '-v') {
    io.stdout('policy-press 0.1.0\n');
    return EXIT.OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`policy-press: unknown command "${name}"\n\n${mainHelp()}`);
    return EXIT.USAGE;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: command.allowPositionals,
      strict: true,
    });
    if (values.help) {
      io.stdout(`Usage: ${command.usage}\n\n${command.help}\n`);
      return EXIT.OK;
    }
    return await command.run({ values, positionals }, io);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      io.stderr(`policy-press ${command.name}: ${(error as Error).message}\nUsage: ${command.usage}\nRun \`policy-press ${command.name} --help\` for more.\n`);
      return EXIT.USAGE;
    }
    // A bug of ours, not the user's input: say so plainly; the stack only on request.
    io.stderr(`policy-press ${command.name}: internal error: ${(error as Error).message}\nThis is a bug in policy-press, not in your files. Run with POLICY_PRESS_DEBUG=1 for details.\n`);
    if (io.env.POLICY_PRESS_DEBUG) io.stderr(`${(error as Error).stack}\n`);
    return EXIT.FAILED;
  }
}
