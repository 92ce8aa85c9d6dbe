// The self-contained policy.html a school uploads to its own website: one file, styles inline, no scripts, no links out of it except the policy's own.

import type { PolicyDocument } from '../../tree/types.ts';
import { escapeHtml as esc } from './escapeHtml.ts';
import { type ArticleParts, articleParts, renderPolicyArticle } from './renderPolicy.ts';

export interface StandaloneOptions {
  /** The stylesheet to inline (policy.css). */
  css: string;
  /** The logo as a data: URL, so the file needs nothing beside it. */
  logoSrc?: string;
}

export function renderStandalone(doc: PolicyDocument, { css, logoSrc }: StandaloneOptions, parts: ArticleParts = articleParts(doc)): string {
  // No PDF link and no review status: the file lives on without the site and must not go stale.
  const article = renderPolicyArticle(doc, logoSrc ? { logoSrc } : {}, parts);
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.meta.title)}: ${esc(doc.meta.schoolName)}</title>
<style>
${css.replace(/<\/style/gi, '<\\/style')}
</style>
</head>
<body>
<main id="main-content" class="pp-width pp-standalone">
${article}
</main>
</body>
</html>
`;
}
