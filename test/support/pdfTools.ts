// Runs poppler and qpdf on a PDF; tests that need them fail in CI when they are missing, and skip elsewhere.

import { execFileSync, spawnSync } from 'node:child_process';
import { describe, it } from 'vitest';

export const PDF_TOOLS = ['qpdf', 'pdftotext', 'pdfinfo', 'pdffonts', 'pdftoppm'] as const;

export function missingPdfTools(): string[] {
  return PDF_TOOLS.filter((tool) => spawnSync(tool, ['-v'], { stdio: 'ignore' }).error !== undefined);
}

/**
 * `describe` for tests that read PDFs with tools nobody here wrote. With the tools
 * missing they are skipped on a developer's machine, but in CI (CI=true) the run
 * fails, so a green CI always means the PDFs were checked.
 */
export function describeWithPdfTools(name: string, body: () => void): void {
  const missing = missingPdfTools();
  if (!missing.length) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('has poppler-utils and qpdf installed', () => {
        throw new Error(`${missing.join(', ')} not found: install them (apt-get install poppler-utils qpdf)`);
      });
    });
  } else {
    describe.skip(`${name} (skipped: ${missing.join(', ')} not installed)`, body);
  }
}

/** A tool's standard output; throws with its stderr when it fails. qpdf exits 3 for warnings, which is a failure here too. */
export function tool(command: string, args: readonly string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface QpdfOutline {
  title: string;
  destpageposfrom1: number;
  kids: QpdfOutline[];
}

export interface QpdfField {
  fullname: string;
  fieldtype: string;
  alternativename: string;
  pageposfrom1: number;
}

export function qpdfJson(file: string): { outlines: QpdfOutline[]; acroform: { fields: QpdfField[] }; qpdf: [unknown, Record<string, unknown>] } {
  return JSON.parse(tool('qpdf', ['--json=2', file]));
}

/** Text of the policy body pages, in content order, without running header and footer (cropped off). */
export function bodyText(file: string, first: number, last: number): string {
  // In points (pdftotext's pixels at its default 72 dpi): the header sits above 62 pt, the footer below 780 pt.
  return tool('pdftotext', ['-raw', '-f', String(first), '-l', String(last), '-x', '0', '-y', '62', '-W', '596', '-H', '718', file, '-']);
}

/**
 * The body's text page by page, less the other artifact pdftotext cannot tell from
 * content: a table's header row repeated at the top of a page it continues on
 * (tagged /Artifact /Pagination; the structure has the row once).
 */
export function bodyTextWithoutRepeats(file: string, first: number, last: number, headerRows: ReadonlySet<string>): string {
  const pages: string[] = [];
  for (let page = first; page <= last; page++) {
    const lines = bodyText(file, page, page).split('\n');
    if (page > first && headerRows.has(lines[0]!)) lines.shift();
    pages.push(lines.join('\n'));
  }
  return pages.join('\n');
}

/** `pdfinfo -struct-text`: the structure tree, indented two spaces a level, with each piece of content in quotes. */
export interface StructLine {
  depth: number;
  text: string;
}

export function structLines(file: string): StructLine[] {
  return tool('pdfinfo', ['-struct-text', file])
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => ({ depth: (line.length - line.trimStart().length) / 2, text: line.trim() }));
}

/** The quoted content under each child of the Document element, in reading order. */
export function contentByDocumentChild(lines: readonly StructLine[]): { role: string; content: string[] }[] {
  const children: { role: string; content: string[] }[] = [];
  for (const line of lines) {
    if (line.depth === 1) children.push({ role: line.text.split(/[\s:]/)[0]!, content: [] });
    else if (line.depth > 1 && /^".*"$/s.test(line.text)) children.at(-1)?.content.push(line.text.slice(1, -1));
  }
  return children;
}
