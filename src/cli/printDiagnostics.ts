// How commands report a project's diagnostics: compiler style on stderr, or JSON on stdout.

import { type Diagnostic, formatDiagnostics, summarise } from '../diagnostics/index.ts';
import type { Io } from './Command.ts';

export function printDiagnostics(diagnostics: Diagnostic[], sources: ReadonlyMap<string, string>, io: Io): void {
  if (diagnostics.length === 0) return;
  io.stderr(`${formatDiagnostics(diagnostics, { sources, color: io.isTTY && !io.env.NO_COLOR })}\n\n${summarise(diagnostics)}\n`);
}
