// A policy diff as terminal text, JSON or an accessible HTML page.

import type { Change, WordChange } from './compareDocuments.ts';
import type { DataChange } from './summariseDataChanges.ts';

export interface PolicyDiff {
  school: string;
  title: string;
  from: string;
  to: string;
  summary: string[];
  dataChanges: DataChange[];
  changes: Change[];
}

/** The plain-English lines: data changes first, then clauses added and removed. */
export function summaryLines(dataChanges: DataChange[], changes: Change[]): string[] {
  const clip = (t: string) => (t.length > 90 ? `${t.slice(0, 89)}…` : t);
  return [
    ...dataChanges.map((d) => d.text),
    ...changes.flatMap((c) => {
      switch (c.kind) {
        case 'section-added':
          return [`Added section: ${c.title}`];
        case 'section-removed':
          return [`Removed section: ${c.title}`];
        case 'section-retitled':
          return [`Section renamed: ${c.from} → ${c.to}`];
        case 'added':
          return [`Added clause: ${clip(c.text)}`];
        case 'removed':
          return [`Removed clause: ${clip(c.text)}`];
        case 'moved':
          return [`Moved clause from ${c.fromSection} to ${c.sectionTitle}: ${clip(c.text)}`];
        default:
          return [];
      }
    }),
  ];
}

export function diffToText(diff: PolicyDiff, color: boolean): string {
  const paint = (code: number, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const words = (parts: WordChange[]) =>
    parts.map((p) => (p.kind === 'added' ? paint(32, `{+${p.text}+}`) : p.kind === 'removed' ? paint(31, `[-${p.text}-]`) : p.text)).join('');
  const out = [`${diff.title}: ${diff.school}`, `from ${diff.from} to ${diff.to}`, ''];
  if (diff.changes.length === 0 && diff.dataChanges.length === 0) return `${out.join('\n')}No changes.\n`;
  out.push('Summary of changes', ...diff.summary.map((s) => `  • ${s}`), '');
  let section = '';
  for (const c of diff.changes) {
    if (c.kind.startsWith('section-')) continue;
    const change = c as Exclude<Change, { kind: `section-${string}` }>;
    if (change.sectionTitle !== section) {
      section = change.sectionTitle;
      out.push(section);
    }
    const id = change.id ? `[${change.id}] ` : '';
    if (change.kind === 'changed') out.push(`  ~ ${id}${words(change.words)}`);
    else if (change.kind === 'added') out.push(paint(32, `  + ${id}${change.text}`));
    else if (change.kind === 'removed') out.push(paint(31, `  - ${id}${change.text}`));
    else out.push(`  > ${id}${change.text} (moved from ${change.fromSection})`);
  }
  return `${out.join('\n')}\n`;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The redline as an HTML fragment. Insertions and deletions are <ins>/<del>
 * with words a screen reader speaks ("inserted", "deleted"), because colour
 * and strike-through alone are not announced.
 */
export function diffToHtmlFragment(diff: PolicyDiff): string {
  const hidden = (s: string) => `<span class="visually-hidden">${s}</span>`;
  const ins = (t: string) => `<ins>${hidden('[inserted: ')}${escape(t)}${hidden(']')}</ins>`;
  const del = (t: string) => `<del>${hidden('[deleted: ')}${escape(t)}${hidden(']')}</del>`;
  const parts: string[] = [];
  parts.push(`<p>Comparing ${escape(diff.from)} with ${escape(diff.to)}.</p>`);
  if (diff.summary.length === 0) return `${parts.join('\n')}\n<p>No changes.</p>\n`;
  parts.push('<h2 id="summary">Summary of changes</h2>', '<ul>', ...diff.summary.map((s) => `  <li>${escape(s)}</li>`), '</ul>');
  parts.push('<h2 id="redline">Changes clause by clause</h2>');
  let section = '';
  for (const c of diff.changes) {
    if (c.kind.startsWith('section-')) continue;
    const change = c as Exclude<Change, { kind: `section-${string}` }>;
    if (change.sectionTitle !== section) {
      if (section) parts.push('</ul>');
      section = change.sectionTitle;
      parts.push(`<h3>${escape(section)}</h3>`, '<ul class="redline">');
    }
    const body =
      change.kind === 'changed'
        ? change.words.map((w) => (w.kind === 'added' ? ins(w.text) : w.kind === 'removed' ? del(w.text) : escape(w.text))).join('')
        : change.kind === 'added'
          ? `${hidden('Added clause: ')}${ins(change.text)}`
          : change.kind === 'removed'
            ? `${hidden('Removed clause: ')}${del(change.text)}`
            : `${escape(change.text)} <em>(moved from ${escape(change.fromSection)})</em>`;
    parts.push(`  <li${change.id ? ` id="change-${escape(change.id)}"` : ''}>${body}</li>`);
  }
  if (section) parts.push('</ul>');
  return `${parts.join('\n')}\n`;
}

export function diffToHtmlPage(diff: PolicyDiff): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Changes: ${escape(diff.title)}, ${escape(diff.school)}</title>
<style>
body{font:1.1875rem/1.5 system-ui,sans-serif;max-width:46em;margin:0 auto;padding:1rem;color:#0b0c0c}
ins{background:#cce2d8;color:#005a30;text-decoration:underline}
del{background:#f6d7d2;color:#942514;text-decoration:line-through}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
</style>
</head>
<body>
<main>
<h1>Changes to the ${escape(diff.title)}: ${escape(diff.school)}</h1>
${diffToHtmlFragment(diff)}</main>
</body>
</html>
`;
}
