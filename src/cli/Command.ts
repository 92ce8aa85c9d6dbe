// What every command provides: its help, its options, and a run that returns the exit code.

import type { ParseArgsConfig } from 'node:util';
import type { World } from '../project/World.ts';

/** Exit codes, as PRODUCT.md promises. */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (colour, progress). */
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  world: World;
  /** Read all of standard input, for prompts. */
  readLine?: (prompt: string) => Promise<string>;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** The full --help text after the usage line. */
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  allowPositionals: boolean;
  run(args: { values: Record<string, unknown>; positionals: string[] }, io: Io): Promise<number>;
}

export class UsageError extends Error {}
