// What the Astro pages render: the project's documents, handed over by the build or the dev server, and the helpers the pages share.

import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics/index.ts';
import type { PolicyDocument } from '../tree/types.ts';
import { type ArticleParts, articleParts, renderPolicyArticle, type SignedApproval } from '../write/html/renderPolicy.ts';
import { renderStandalone } from '../write/html/renderStandalone.ts';
import type { ReviewStatus } from '../tree/reviewStatus.ts';

export interface SiteSchool {
  slug: string;
  doc: PolicyDocument;
  status: ReviewStatus;
  /** Size of dist/<slug>/policy.pdf when the build made one (known once `ready` resolves). */
  pdfBytes?: number;
  /** Resolves when the school's PDF is written, when the build is still making it (see build/writePdfs.ts). */
  ready?: Promise<void>;
  /** The logo as published beside the page: dist/<slug>/logo.<ext>. */
  logo?: { source: string; fileName: string; mediaType: string };
  /** The governors' signed copy, when approved/<slug>/ has one (see build/publishSignedCopies.ts). */
  approval?: { sentence: string; signed?: { fileName: string; bytes: number; sha256: string } };
  /** What changed since governors last signed a copy: "since" as printed, and the redline as HTML. */
  changes?: { since: string; fragment: string };
  /** The rendered article, once pageArticle has made it. */
  article?: string;
  /** The article's contents and body, made by the first of its two pages to render and taken by the second (see sharedParts). */
  parts?: ArticleParts;
}

export interface SiteData {
  /** The project folder (schools/, templates/). */
  root: string;
  /** URL path of the site: "/" or e.g. "/policies/" (not import.meta.env.BASE_URL, which a BASE_URL variable in the environment overrides). */
  base: string;
  today: string;
  /** Sorted by school name, as the index lists them. */
  schools: SiteSchool[];
  /** Problems in the project; only the dev server ever renders with errors. */
  diagnostics: Diagnostic[];
  /** Served by the live preview, which shows the problems on every page (a build prints them instead). */
  live?: boolean;
  sources: ReadonlyMap<string, string>;
  /** Folders under the site holding the search index, in bundles (see build/searchIndex.ts): the first has Pagefind's script. */
  searchBundles?: string[];
  /**
   * Given by a build: each school's policy.html is written as its page renders, from the same rendering
   * of the body, instead of by a route of its own (see standaloneRoutes).
   */
  writeStandalone?: (slug: string, html: string) => void;
  /** Told each time a policy page is rendered, for build progress. */
  onPage?: (slug: string) => void;
  /** Given each HTML page the build renders, by its file under dist/ (e.g. "oak/index.html"), for the search index. */
  onHtml?: (file: string, html: string) => void;
}

// The build (and the dev server's plugin) run in this process, but Astro bundles its own
// copy of this module for the pages; a global slot is what the two copies share.
const SLOT = Symbol.for('policy-press.site-data');
type Slot = { [SLOT]?: SiteData };

export function provideSiteData(data: SiteData | undefined): void {
  (globalThis as Slot)[SLOT] = data;
}

/** The handed-over data, if any (the middleware runs for pages astro itself serves too). */
export function maybeSiteData(): SiteData | undefined {
  return (globalThis as Slot)[SLOT];
}

/** The handed-over data. The pages never load the project themselves: they are bundled to run far from it. */
export function siteData(): SiteData {
  const data = (globalThis as Slot)[SLOT];
  if (!data) throw new Error('no site data: build the site with `policy-press build` and preview it with `policy-press dev`, not with astro directly');
  return data;
}

export function siteSchool(slug: string | undefined): SiteSchool {
  const school = siteData().schools.find((s) => s.slug === slug);
  if (!school) throw new Error(`no school "${slug}" in the site data`);
  return school;
}

/** "/", or a sub-path such as "/policies/" for a site not at the root of its domain. */
export function normaliseBase(base: string | undefined): string {
  const trimmed = (base ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** Base path joined to a site path: withBase('/policies/', 'a/b/') → '/policies/a/b/'. */
export function withBase(base: string, path = ''): string {
  return `${base.replace(/\/*$/, '/')}${path.replace(/^\/+/, '')}`;
}

/** The school, once everything its page links to (its PDF, with the size) is written. */
export async function readySchool(slug: string | undefined): Promise<SiteSchool> {
  const school = siteSchool(slug);
  await school.ready;
  return school;
}

/** Every school, ready (see readySchool), in the index's order. */
export async function readySchools(): Promise<SiteSchool[]> {
  const { schools } = siteData();
  await Promise.all(schools.map((s) => s.ready));
  return schools;
}

/** The policy article of a ready school's page; the live preview renders it once however many times it is viewed. */
export function pageArticle(school: SiteSchool, base = siteData().base): string {
  // A build renders each page once: keeping a thousand articles would only hold their memory.
  if (!maybeSiteData()?.live) return renderArticle(school, base);
  // Kept on the school itself: the pages run in Astro's bundled copy of this module, so a cache here would not be shared.
  school.article ??= renderArticle(school, base);
  return school.article;
}

/**
 * The article's contents and body for one of the school's two pages (index.html and policy.html), which
 * show the same: the first to render makes them and leaves them on the school, the second takes them
 * away, so a build renders each body once and holds it only between the two. (The live preview keeps
 * them: its pages render again on each visit.)
 */
function sharedParts(school: SiteSchool): ArticleParts {
  const parts = school.parts ?? articleParts(school.doc);
  if (school.parts && !maybeSiteData()?.live) delete school.parts;
  else school.parts = parts;
  return parts;
}

function renderArticle(school: SiteSchool, base: string): string {
  return renderPolicyArticle(school.doc, {
    status: school.status,
    ...(school.pdfBytes !== undefined ? { pdf: { href: withBase(base, `${school.slug}/policy.pdf`), bytes: school.pdfBytes } } : {}),
    ...(school.logo ? { logoSrc: withBase(base, `${school.slug}/${school.logo.fileName}`) } : {}),
    ...(school.approval ? { approval: signedApproval(school.slug, school.approval, base) } : {}),
    ...(school.changes ? { changes: { href: withBase(base, `${school.slug}/changes/`), since: school.changes.since } } : {}),
  }, sharedParts(school));
}

function signedApproval(slug: string, { sentence, signed }: NonNullable<SiteSchool['approval']>, base: string): SignedApproval {
  return signed ? { sentence, signed: { href: withBase(base, `${slug}/${signed.fileName}`), bytes: signed.bytes, sha256: signed.sha256 } } : { sentence };
}

/**
 * The schools whose policy.html the route renders: none in a build, which writes each as the school's
 * page renders (writeStandalone). Astro renders one route's pages after another's, and policy.html,
 * which waits for nothing, rendered every school's before the pages, which wait for their PDFs: so
 * every school's rendered body was held until its page was rendered (80 MB at 1,000 schools).
 */
export function standaloneRoutes(): { params: { slug: string } }[] {
  const data = siteData();
  return data.writeStandalone ? [] : data.schools.map(({ slug }) => ({ params: { slug } }));
}

/** A school's page is rendered: a build writes its policy.html now, while the rendered body is at hand (see standaloneRoutes). */
export function pageRendered(school: SiteSchool, css: string): void {
  const data = siteData();
  data.writeStandalone?.(school.slug, standalonePage(school, css));
  data.onPage?.(school.slug);
}

export function standalonePage(school: SiteSchool, css: string): string {
  const logoSrc = school.logo ? `data:${school.logo.mediaType};base64,${readFileSync(school.logo.source).toString('base64')}` : undefined;
  return renderStandalone(school.doc, logoSrc ? { css, logoSrc } : { css }, sharedParts(school));
}
