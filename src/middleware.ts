// Hands each page the build renders to the search index as it is made (see build/writeSite.ts), so
// Pagefind reads the pages while Astro renders the rest instead of reading every file afterwards.

import type { MiddlewareHandler } from 'astro';
import { maybeSiteData } from './site/siteData.ts';

/** Pages one folder below the site (a school's page, the search page), as Pagefind indexed the files. */
const INDEXED = /^[^/]+\/index\.html$/;

export const onRequest: MiddlewareHandler = async (context, next) => {
  const response = await next();
  const site = maybeSiteData();
  if (!site?.onHtml || !response.headers.get('content-type')?.startsWith('text/html')) return response;
  const path = context.url.pathname.startsWith(site.base) ? context.url.pathname.slice(site.base.length) : context.url.pathname.replace(/^\//, '');
  const file = `${path.replace(/\/?$/, '/')}index.html`;
  if (INDEXED.test(file)) site.onHtml(file, await response.clone().text());
  return response;
};
