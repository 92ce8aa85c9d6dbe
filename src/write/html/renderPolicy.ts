// Document tree → the policy as an HTML <article>: the one renderer behind the site page and the self-contained policy.html.

import type { Approval, Block, Inline, ListItem, PolicyDocument, Table } from '../../tree/types.ts';
import { escapeHtml as esc, safeHref } from './escapeHtml.ts';
import { formatBytes } from './formatBytes.ts';
import { type ContentsEntry, type PolicyAnchors, policyAnchors } from './policyAnchors.ts';
import type { ReviewStatus } from '../../tree/reviewStatus.ts';
import { DOCUMENT_HISTORY_ID } from '../../render/documentHistory.ts';
import { captionRepeatsHeading } from '../../tree/walk.ts';

/** The band behind the school's name when the school sets no accent colour (GOV.UK blue, 5.2:1 with white). */
export const DEFAULT_ACCENT = '#1d70b8';

export interface PolicyHtmlOptions {
  /** The PDF to offer, with its size. */
  pdf?: { href: string; bytes: number };
  /** Review status on the day of the build; leave it out of files that outlive the build. */
  status?: ReviewStatus;
  /** The logo's URL (a path, or a data: URL in the self-contained file). */
  logoSrc?: string;
  /** The governors' signed copy, as the build published it from approved/<slug>/. */
  approval?: SignedApproval;
  /** The page of changes since the last signed copy, when the policy has changed since. */
  changes?: { href: string; since: string };
}

export interface SignedApproval {
  /** "Approved and signed by …" or "Changed since governors approved it on …". */
  sentence: string;
  /** The signed PDF when it is the current policy. */
  signed?: { href: string; bytes: number; sha256: string };
}

/** Class on the parts of the article that are about the policy rather than the policy itself (left out of search and of the text comparison). */
export const ABOUT_CLASS = 'pp-about';

/**
 * The parts of the article made from the document alone: its contents list and its body. The site's page
 * and policy.html show the same parts around different mastheads and review details, so a build makes
 * them once for both (see site/siteData.ts): they are most of the work of rendering an article.
 */
export interface ArticleParts {
  contents: string;
  body: string;
}

export function articleParts(doc: PolicyDocument): ArticleParts {
  const anchors = policyAnchors(doc);
  return {
    contents: renderContents(anchors.contents),
    body: [...doc.children.map((s) => renderBlock(s, anchors)), doc.meta.attribution ? `<p class="pp-attribution">${esc(doc.meta.attribution)}</p>` : ''].filter(Boolean).join('\n'),
  };
}

/** The article; `parts` are articleParts(doc), made here unless the caller has them already. */
export function renderPolicyArticle(doc: PolicyDocument, options: PolicyHtmlOptions = {}, parts: ArticleParts = articleParts(doc)): string {
  const accent = doc.meta.branding?.accentColour ?? DEFAULT_ACCENT;
  const logo = options.logoSrc ? `<div class="pp-masthead__logo"><img src="${esc(options.logoSrc)}" alt=""></div>` : '';
  const out: string[] = [
    '<article class="pp-policy" aria-labelledby="policy-title">',
    `<header class="pp-masthead" style="--pp-accent: ${esc(accent)}">${logo}<div class="pp-masthead__text">`,
    `<h1 class="pp-masthead__title" id="policy-title">${esc(doc.meta.title)}</h1>`,
    `<p class="pp-masthead__school">${esc(doc.meta.schoolName)}</p>`,
    '</div></header>',
    `<div class="${ABOUT_CLASS}" data-pagefind-ignore="all">`,
    renderDownload(options.pdf, options.approval?.signed),
    renderReview(doc, options.status, options.approval, options.changes),
    parts.contents,
    '</div>',
    '<div class="pp-body">',
    parts.body,
    '</div>',
    '</article>',
  ];
  return out.filter(Boolean).join('\n');
}

function renderDownload(pdf: PolicyHtmlOptions['pdf'], signed: SignedApproval['signed']): string {
  const links: string[] = [];
  if (pdf) links.push(`<p><a class="pp-download__link" href="${esc(pdf.href)}">Download this policy as a PDF<span class="pp-download__meta"> (PDF, ${formatBytes(pdf.bytes)})</span></a></p>`);
  if (signed) {
    links.push(
      `<p><a class="pp-download__link" href="${esc(signed.href)}">Download the copy signed by governors<span class="pp-download__meta"> (PDF, ${formatBytes(signed.bytes)})</span></a></p>`,
      `<p class="pp-download__hash">SHA-256 of the signed copy: <code>${esc(signed.sha256)}</code></p>`,
    );
  }
  return links.length ? `<div class="pp-download">${links.join('')}</div>` : '';
}

function renderReview(doc: PolicyDocument, status: ReviewStatus | undefined, approval: SignedApproval | undefined, changes: PolicyHtmlOptions['changes']): string {
  const { meta } = doc;
  const row = (key: string, value: string) => `<div class="pp-summary__row"><dt class="pp-summary__key">${key}</dt><dd class="pp-summary__value">${value}</dd></div>`;
  const tag = status ? ` <strong class="pp-tag pp-tag--${status.state}">${esc(status.label)}</strong>` : '';
  const latest = meta.approvals.at(-1);
  const rows = [
    row('Last reviewed', esc(meta.lastReviewed.text)),
    row('Reviewed by', esc(meta.reviewedBy)),
    row('Next review', `${esc(meta.nextReview.text)}${tag}`),
    row('Approved', latest ? describeApproval(latest) : 'No approval recorded yet'),
  ];
  if (approval) rows.push(row('Signed copy', esc(approval.sentence)));
  if (changes) rows.push(row('Changes', `<a href="${esc(changes.href)}">What has changed since governors approved it on ${esc(changes.since)}</a>`));
  // Every approval is tabulated once, in the policy's own document-history section.
  if (meta.approvals.length > 1 && doc.children.some((s) => s.id === DOCUMENT_HISTORY_ID)) rows.push(row('Earlier approvals', `<a href="#${DOCUMENT_HISTORY_ID}">Document history</a>`));
  return [
    '<h2 class="pp-heading-m" id="policy-review">Review and approval</h2>',
    `<dl class="pp-summary">${rows.join('')}</dl>`,
  ].join('\n');
}

function describeApproval(a: Approval): string {
  const parts = [`${esc(a.date.text)} by ${esc(a.approvedBy)}`];
  if (a.minuteRef) parts.push(`minute ${esc(a.minuteRef)}`);
  if (a.version) parts.push(`version ${esc(a.version)}`);
  return parts.join(', ');
}

function renderContents(contents: readonly ContentsEntry[]): string {
  if (!contents.length) return '';
  const list = (entries: readonly ContentsEntry[]): string =>
    `<ol class="pp-contents__list">${entries.map((e) => `<li><a href="#${esc(e.id)}">${esc(e.title)}</a>${e.children.length ? list(e.children) : ''}</li>`).join('')}</ol>`;
  // Left out of the search index: each title is indexed where its section starts, and a result's excerpt should come from the policy, not its contents list.
  return `<nav class="pp-contents" aria-labelledby="policy-contents" data-pagefind-ignore="all"><h2 class="pp-heading-m" id="policy-contents">Contents</h2>${list(contents)}</nav>`;
}

const idAttr = (id: string | undefined) => (id ? ` id="${esc(id)}"` : '');

function renderBlock(node: Block, anchors: PolicyAnchors): string {
  switch (node.type) {
    case 'section': {
      const level = node.depth + 1;
      const size = ['l', 'm', 's'][node.depth - 1];
      const heading = `<h${level} class="pp-heading-${size}"${idAttr(anchors.idOf(node))}>${esc(node.title)}</h${level}>`;
      // A table starting the section under its own title shows no caption (as layoutBlocks draws none in the PDF).
      const children = node.children.map((c) => (captionRepeatsHeading(node, c) ? renderTable(c, anchors.idOf(c), true) : renderBlock(c, anchors)));
      return [heading, ...children].join('\n');
    }
    case 'paragraph':
      return `<p${idAttr(anchors.idOf(node))}>${renderInlines(node.children)}</p>`;
    case 'list': {
      const tag = node.ordered ? 'ol' : 'ul';
      return `<${tag} class="pp-list pp-list--${node.ordered ? 'number' : 'bullet'}">${node.items.map((i) => renderItem(i, anchors)).join('')}</${tag}>`;
    }
    case 'table':
      return renderTable(node, anchors.idOf(node));
  }
}

function renderItem(item: ListItem, anchors: PolicyAnchors): string {
  // A single paragraph needs no <p> of its own; longer items keep their structure.
  const [only] = item.children;
  const body = item.children.length === 1 && only?.type === 'paragraph' ? renderInlines(only.children) : item.children.map((c) => renderBlock(c, anchors)).join('');
  return `<li${idAttr(anchors.idOf(item))}>${body}</li>`;
}

/**
 * A table. `hideCaption`: its caption repeats the heading just above it (captionRepeatsHeading); it
 * stays, for screen readers, but is not shown a second time.
 */
function renderTable(table: Table, id: string | undefined, hideCaption = false): string {
  const cols = table.columns.length;
  // Narrow screens stack the cells of wide tables, and put each key above its value in a table of
  // pairs (as a summary list does), where a key column of a third of a phone's width broke words.
  // data-label names each cell's column in a stacked wide table, and explicit roles keep a restyled
  // table a table for screen readers that drop the semantics of tables whose display is changed.
  const stack = cols > 2;
  const pairs = !stack && table.rowHeaders === true;
  const restyled = stack || pairs;
  const role = (name: string) => (restyled ? ` role="${name}"` : '');
  const label = (i: number) => (stack ? ` data-label="${esc(table.columns[i] ?? '')}"` : '');
  const head = table.rowHeaders ? '' : `<thead${role('rowgroup')}><tr${role('row')}>${table.columns.map((c) => `<th scope="col"${role('columnheader')}>${esc(c)}</th>`).join('\n')}</tr></thead>`;
  const bodies = table.groups.map((group) => {
    const title = group.title !== undefined ? `<tr class="pp-table__group"${role('row')}><th scope="rowgroup" colspan="${cols}"${role('rowheader')}>${esc(group.title)}</th></tr>` : '';
    const rows = group.rows.map(
      (row) =>
        `<tr${role('row')}>${row.cells
          .map((cell, i) => (table.rowHeaders && i === 0 ? `<th scope="row"${role('rowheader')}>${renderInlines(cell)}</th>` : `<td${role('cell')}${label(i)}>${renderInlines(cell)}</td>`))
          .join('\n')}</tr>`,
    );
    return `<tbody${role('rowgroup')}>${title}\n${rows.join('\n')}</tbody>`;
  });
  const kind = stack ? ' pp-table--stack' : pairs ? ' pp-table--pairs' : '';
  const caption = `<caption class="pp-table__caption${hideCaption ? ' pp-table__caption--hidden' : ''}">${esc(table.caption)}</caption>`;
  // Line breaks between cells keep their words apart for text extractors such as the search indexer.
  return `<table class="pp-table${kind}"${role('table')}${idAttr(id)}>${caption}\n${head}\n${bodies.join('\n')}</table>`;
}

export function renderInlines(nodes: readonly Inline[]): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
          return esc(node.value);
        case 'strong':
          return `<strong>${renderInlines(node.children)}</strong>`;
        case 'emphasis':
          return `<em>${renderInlines(node.children)}</em>`;
        case 'link': {
          const href = safeHref(node.url);
          const text = renderInlines(node.children);
          return href ? `<a href="${esc(href)}">${text || esc(href)}</a>` : text;
        }
      }
    })
    .join('');
}
