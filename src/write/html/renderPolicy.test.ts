import { documentHistory } from '../../render/documentHistory.ts';
import { describe, expect, it } from 'vitest';
import type { PolicyDocument, Section } from '../../tree/types.ts';
import { policyAnchors } from './policyAnchors.ts';
import { renderInlines, renderPolicyArticle } from './renderPolicy.ts';
import { renderStandalone } from './renderStandalone.ts';
import { reviewStatus } from '../../tree/reviewStatus.ts';

const HOSTILE = `<script>alert(1)</script> {x} {{school.name}} **bold** <b>tag</b> & "quotes"`;

function doc(children: Section[], overrides: Partial<PolicyDocument['meta']> = {}): PolicyDocument {
  return {
    type: 'document',
    slug: 'test-school',
    meta: {
      schoolName: 'Test Primary',
      family: 'lgfl-e-security',
      title: 'E-Security Policy',
      lastReviewed: { iso: '2024-09', text: 'September 2024' },
      nextReview: { iso: '2025-09', text: 'September 2025' },
      reviewedBy: 'Rita Reviewer',
      approvals: [],
      ...overrides,
    },
    children,
  };
}

const text = (value: string) => ({ type: 'text' as const, value });

const sample = doc([
  {
    type: 'section',
    id: 'passwords',
    depth: 1,
    title: 'Passwords',
    children: [
      { type: 'paragraph', id: 'intro', children: [text('We use '), { type: 'strong', children: [text('strong')] }, text(' passwords.')] },
      { type: 'list', ordered: false, items: [{ type: 'listItem', id: 'passwords', children: [{ type: 'paragraph', children: [text(HOSTILE)] }] }] },
      { type: 'section', id: 'change', depth: 2, title: 'Changing passwords', children: [{ type: 'paragraph', children: [text('Twice a year.')] }] },
    ],
  },
  {
    type: 'section',
    id: 'information-assets',
    depth: 1,
    title: 'Appendix: Information assets',
    appendix: true,
    children: [
      {
        type: 'table',
        id: 'assets',
        caption: 'Information assets',
        columns: ['Asset', 'Owner', 'Who can enter data', 'Purpose'],
        groups: [{ title: 'Pupil data', rows: [{ cells: [[text('MIS')], [text('SBM')], [text('Office')], [text(HOSTILE)]] }] }],
      },
    ],
  },
]);

describe('renderPolicyArticle', () => {
  const html = renderPolicyArticle(sample, { status: reviewStatus('2025-09', '2025-08-15'), pdf: { href: '/test-school/policy.pdf', bytes: 84_000 } });

  it('escapes every value from the tree: no markup, no Markdown, braces left as typed', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; {x} {{school.name}} **bold** &lt;b&gt;tag&lt;/b&gt; &amp; &quot;quotes&quot;');
  });

  it('gives headings the section ids and clauses theirs, renaming only on a clash', () => {
    expect(html).toContain('<h2 class="pp-heading-l" id="passwords">Passwords</h2>');
    expect(html).toContain('<h3 class="pp-heading-m" id="change">Changing passwords</h3>');
    expect(html).toContain('<p id="intro">');
    expect(html).toContain('<li id="clause-passwords">');
    expect(html).toContain('<table class="pp-table pp-table--stack" role="table" id="assets">');
  });

  it('lists the sections in a contents list that links to them, which the search index leaves out', () => {
    expect(html).toMatch(/<nav class="pp-contents" aria-labelledby="policy-contents" data-pagefind-ignore="all">.*<a href="#passwords">Passwords<\/a><ol class="pp-contents__list"><li><a href="#change">/s);
    expect(html).toContain('<a href="#information-assets">Appendix: Information assets</a>');
  });

  it('offers the PDF with its size and says the review status in words', () => {
    expect(html).toContain('href="/test-school/policy.pdf">Download this policy as a PDF<span class="pp-download__meta"> (PDF, 82 KB)</span></a>');
    expect(html).toContain('<strong class="pp-tag pp-tag--due-soon">Due within 60 days</strong>');
  });

  it('builds tables with a caption, column headers, group headers and labels for narrow screens', () => {
    expect(html).toContain('<caption class="pp-table__caption">Information assets</caption>');
    expect(html).toContain('<th scope="col" role="columnheader">Who can enter data</th>');
    expect(html).toContain('<th scope="rowgroup" colspan="4" role="rowheader">Pupil data</th>');
    expect(html).toContain('<td role="cell" data-label="Owner">SBM</td>');
  });

  it('uses row headers for key/value tables and leaves out their column headings', () => {
    const kv = renderPolicyArticle(
      doc([{ type: 'section', id: 's', depth: 1, title: 'S', children: [{ type: 'table', id: 'kv', caption: 'Details', columns: ['Detail', 'Value'], rowHeaders: true, groups: [{ rows: [{ cells: [[text('Name')], [text('Test')]] }] }] }] }]),
    );
    // Roles, as its cells are stacked on narrow screens (policy.css), which some screen readers take as no longer a table.
    expect(kv).toContain('<table class="pp-table pp-table--pairs" role="table" id="kv"><caption class="pp-table__caption">Details</caption>');
    expect(kv).toContain('<tr role="row"><th scope="row" role="rowheader">Name</th>\n<td role="cell">Test</td></tr>');
    expect(kv).not.toContain('<thead');
  });

  it("hides a caption that repeats the title of the section it starts, and only that one", () => {
    const table = (caption: string) => ({ type: 'table' as const, id: caption.toLowerCase(), caption, columns: ['Detail', 'Value'], rowHeaders: true, groups: [] });
    const html = renderPolicyArticle(doc([{ type: 'section', id: 's', depth: 1, title: 'Policy details', children: [table('Policy details'), table('Other'), table('Policy details')] }]));
    expect(html).toContain('<caption class="pp-table__caption pp-table__caption--hidden">Policy details</caption>');
    expect(html).toContain('<caption class="pp-table__caption">Other</caption>');
    // Not first in its section, so not under the heading: shown.
    expect(html).toContain('<caption class="pp-table__caption">Policy details</caption>');
  });

  it('says when no approval is recorded, and points to the document history (tabulated once) when there are several', () => {
    expect(html).toContain('No approval recorded yet');
    const approvals = [
      { date: { iso: '2023-10-05', text: '5 October 2023' }, approvedBy: 'Full Governing Body', minuteRef: 'FGB 2023/14' },
      { date: { iso: '2024-10-03', text: '3 October 2024' }, approvedBy: 'Full Governing Body', version: '2.0', summary: HOSTILE },
    ];
    const approved = renderPolicyArticle(doc([documentHistory(approvals)!], { approvals }));
    expect(approved).toContain('3 October 2024 by Full Governing Body, version 2.0');
    expect(approved).toContain('<dt class="pp-summary__key">Earlier approvals</dt><dd class="pp-summary__value"><a href="#document-history">Document history</a></dd>');
    expect(approved.match(/<table/g)).toHaveLength(1);
    expect(approved.match(/5 October 2023/g)).toHaveLength(1);
    expect(approved).not.toContain('<script>');
  });

  it("offers the governors' signed copy with its size and digest, and says who signed it", () => {
    const signed = renderPolicyArticle(sample, {
      approval: { sentence: 'Approved and signed by Jane <Smith>, Chair of Governors, on 5 October 2024', signed: { href: '/s/policy-signed.pdf', bytes: 90_000, sha256: 'ab'.repeat(32) } },
    });
    expect(signed).toContain('href="/s/policy-signed.pdf">Download the copy signed by governors<span class="pp-download__meta"> (PDF, 88 KB)</span>');
    expect(signed).toContain(`<code>${'ab'.repeat(32)}</code>`);
    expect(signed).toContain('<dt class="pp-summary__key">Signed copy</dt><dd class="pp-summary__value">Approved and signed by Jane &lt;Smith&gt;, Chair of Governors, on 5 October 2024</dd>');
    const changed = renderPolicyArticle(sample, { approval: { sentence: 'Changed since governors approved it on 5 October 2024' } });
    expect(changed).toContain('Changed since governors approved it on 5 October 2024');
    expect(changed).not.toContain('policy-signed.pdf');
  });

  it('sets the accent colour and the logo', () => {
    const branded = renderPolicyArticle(doc([], { branding: { accentColour: '#00703c' } }), { logoSrc: '/x/logo.png' });
    expect(branded).toContain('style="--pp-accent: #00703c"');
    expect(branded).toContain('<img src="/x/logo.png" alt="">');
  });
});

describe('renderInlines', () => {
  it('keeps safe links and drops script URLs to plain text', () => {
    expect(renderInlines([{ type: 'link', url: 'https://gdpr.lgfl.net', children: [text('gdpr.lgfl.net')] }])).toBe('<a href="https://gdpr.lgfl.net">gdpr.lgfl.net</a>');
    expect(renderInlines([{ type: 'link', url: 'javascript:alert(1)', children: [text('click')] }])).toBe('click');
    expect(renderInlines([{ type: 'emphasis', children: [text('<i>')] }])).toBe('<em>&lt;i&gt;</em>');
  });
});

describe('policyAnchors', () => {
  it('never hands out an id the page uses or one already taken', () => {
    const clash = doc([
      { type: 'section', id: 'main-content', depth: 1, title: 'A', children: [{ type: 'paragraph', id: 'a', children: [] }] },
      { type: 'section', id: 'a', depth: 1, title: 'B', children: [{ type: 'paragraph', id: 'a', children: [] }] },
    ]);
    const anchors = policyAnchors(clash);
    const [first, second] = clash.children;
    expect(anchors.idOf(first!)).toBe('main-content-2');
    expect(anchors.idOf(second!)).toBe('a');
    expect(anchors.idOf(first!.children[0]!)).toBe('clause-a');
    expect(anchors.idOf(second!.children[0]!)).toBe('clause-a-2');
  });
});

describe('renderStandalone', () => {
  const page = renderStandalone(sample, { css: 'body { color: red }' });

  it('is a whole document with the styles inline and no script at all', () => {
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB">/);
    expect(page).toContain('<main id="main-content"');
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<link /i);
  });

  it('leaves out what would go stale or break outside the site: the PDF link and the status', () => {
    expect(page).not.toContain('policy.pdf');
    expect(page).not.toContain('pp-tag');
  });
});
