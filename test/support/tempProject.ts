// A throw-away project folder (real templates, chosen school files) and a CLI run against it.

import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.ts';
import type { Io } from '../../src/cli/Command.ts';
import type { Diagnostic } from '../../src/diagnostics/index.ts';
import { createNodeWorld } from '../../src/project/World.ts';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MINIMAL_SCHOOL = readFileSync(join(REPO, 'test/fixtures/minimal-school.yaml'), 'utf8');

/** Files by project-relative path; strings are written as UTF-8, Uint8Arrays as they are. */
export function tempProject(files: Record<string, string | Uint8Array> = {}, options: { templates?: boolean } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'policy-press-test-'));
  if (options.templates !== false) cpSync(join(REPO, 'templates'), join(root, 'templates'), { recursive: true });
  mkdirSync(join(root, 'schools'), { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Tests run on a fixed day (2025-01-15) unless they say otherwise, so review dates do not age. */
export const TEST_TODAY_EPOCH = String(Date.UTC(2025, 0, 15) / 1000);

export async function run(root: string, argv: string[], env: NodeJS.ProcessEnv = { SOURCE_DATE_EPOCH: TEST_TODAY_EPOCH }): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    isTTY: false,
    env,
    cwd: root,
    world: createNodeWorld(root, env),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** `check --json` on a project; returns the exit code and the diagnostics. */
export async function checkJson(root: string): Promise<{ code: number; diagnostics: Diagnostic[]; stderr: string }> {
  const result = await run(root, ['check', '--json']);
  return { code: result.code, diagnostics: (JSON.parse(result.stdout) as { diagnostics: Diagnostic[] }).diagnostics, stderr: result.stderr };
}

/** The minimal school with `edit` applied to its text. */
export function school(edit: (yaml: string) => string = (y) => y): string {
  return edit(MINIMAL_SCHOOL);
}

/** The minimal school under another name. */
export function namedSchool(name: string): string {
  return school((y) => y.replace('name: Test Primary', `name: ${name}`));
}

/** `count` school files, schools/school-<i>.yaml, each the minimal school with its own name (by default "Test Primary <i>"). */
export function schools(count: number, name: (i: number) => string = (i) => `Test Primary ${i}`): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`schools/school-${i}.yaml`, namedSchool(name(i))]));
}
