// The one problem report every stage returns: a code, where, what, and what to do.

export type Severity = 'error' | 'warning';

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in UTF-16 code units like editors do. */
  column: number;
}

export interface Diagnostic {
  /** Stable SCREAMING_SNAKE identifier; tests assert these, not wording. */
  code: string;
  severity: Severity;
  message: string;
  /** Path relative to the project root, with forward slashes. */
  file?: string;
  line?: number;
  column?: number;
  /** Last position of the offending span (for carets longer than one). */
  endLine?: number;
  endColumn?: number;
  /** What to type or do instead. */
  hint?: string;
}

/** What every stage returns: a value (possibly partial) and what went wrong. */
export interface Result<T> {
  value: T;
  diagnostics: Diagnostic[];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.code.localeCompare(b.code),
  );
}
