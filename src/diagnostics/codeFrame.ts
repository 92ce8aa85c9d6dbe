// A few lines of source around a position, with a caret under the problem.

const CONTEXT = 2;
const MAX_WIDTH = 160;

export function codeFrame(
  source: string,
  line: number,
  column: number,
  endColumn?: number,
): string {
  const lines = source.split(/\r\n|\r|\n/);
  if (line < 1 || line > lines.length) return '';
  const first = Math.max(1, line - CONTEXT);
  const last = Math.min(lines.length, line + 1);
  const gutter = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = clip(lines[n - 1]!.replace(/\t/g, '→'));
    const mark = n === line ? '>' : ' ';
    out.push(`${mark} ${String(n).padStart(gutter)} | ${text}`.trimEnd());
    if (n === line) {
      const start = Math.min(Math.max(column, 1), MAX_WIDTH);
      const width =
        endColumn && endColumn > column ? Math.min(endColumn - column, MAX_WIDTH - start + 1) : 1;
      out.push(`  ${' '.repeat(gutter)} | ${' '.repeat(start - 1)}${'^'.repeat(Math.max(1, width))}`);
    }
  }
  return out.join('\n');
}

function clip(text: string): string {
  return text.length > MAX_WIDTH ? `${text.slice(0, MAX_WIDTH)}…` : text;
}
