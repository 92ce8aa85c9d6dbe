// Diagnostics as a compiler prints them: location, severity, code, message, frame, hint.

import { codeFrame } from './codeFrame.ts';
import { type Diagnostic, sortDiagnostics } from './Diagnostic.ts';

export interface FormatOptions {
  /** Source text by file, for code frames. */
  sources?: ReadonlyMap<string, string>;
  color?: boolean;
}

export function formatDiagnostic(d: Diagnostic, options: FormatOptions = {}): string {
  const paint = painter(options.color ?? false);
  const where = d.file
    ? `${d.file}${d.line ? `:${d.line}:${d.column ?? 1}` : ''}`
    : 'policy-press';
  const severity = d.severity === 'error' ? paint.red('error') : paint.yellow('warning');
  const lines = [`${paint.bold(where)} ${severity} ${paint.dim(d.code)} ${d.message}`];
  const source = d.file ? options.sources?.get(d.file) : undefined;
  if (source !== undefined && d.line) {
    const frame = codeFrame(
      source,
      d.line,
      d.column ?? 1,
      d.endLine === d.line ? d.endColumn : undefined,
    );
    if (frame) lines.push(frame);
  }
  if (d.hint) lines.push(`  ${paint.cyan('hint:')} ${d.hint}`);
  return lines.join('\n');
}

export function formatDiagnostics(diagnostics: Diagnostic[], options: FormatOptions = {}): string {
  return sortDiagnostics(diagnostics)
    .map((d) => formatDiagnostic(d, options))
    .join('\n\n');
}

export function summarise(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

function painter(on: boolean) {
  const wrap = (open: number, close: number) => (s: string) =>
    on ? `\u001b[${open}m${s}\u001b[${close}m` : s;
  return {
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
    bold: wrap(1, 22),
    dim: wrap(2, 22),
  };
}
