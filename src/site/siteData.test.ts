import { describe, expect, it } from 'vitest';
import type { Project } from '../project/loadProject.ts';
import type { PolicyDocument } from '../tree/types.ts';
import { createSiteData } from './createSiteData.ts';
import { renderPolicyArticle } from '../write/html/renderPolicy.ts';
import { renderStandalone } from '../write/html/renderStandalone.ts';
import { normaliseBase, pageArticle, pageRendered, provideSiteData, standalonePage, standaloneRoutes, withBase } from './siteData.ts';

function doc(slug: string, schoolName: string, nextReview: string, logo?: string): PolicyDocument {
  return {
    type: 'document',
    slug,
    meta: {
      schoolName,
      family: 'lgfl-e-security',
      title: 'E-Security Policy',
      lastReviewed: { iso: '2024-01', text: 'January 2024' },
      nextReview: { iso: nextReview, text: nextReview },
      reviewedBy: 'R',
      approvals: [],
      ...(logo ? { branding: { logo } } : {}),
    },
    children: [],
  };
}

const project = (docs: PolicyDocument[]): Project => ({ schools: [], documents: new Map(docs.map((d) => [d.slug, d])), families: new Map(), sources: new Map(), diagnostics: [] });

describe('createSiteData', () => {
  const site = createSiteData(project([doc('b', 'Zebra Primary', '2025-12'), doc('a', 'ábbey Primary', '2024-01', 'schools/logos/a.PNG'), doc('c', 'Abbey Primary', '2025-02-01')]), {
    root: '/p',
    base: '/policies/',
    today: '2025-01-15',
    pdfBytes: (slug) => (slug === 'a' ? 1234 : undefined),
    approval: (slug) => (slug === 'b' ? { sentence: 'Changed since governors approved it on 1 May 2024' } : undefined),
  });

  it('lists schools by name as people read them (accents and case aside)', () => {
    expect(site.schools.map((s) => s.slug)).toEqual(['a', 'c', 'b']);
  });

  it("works out each review's status on the given day", () => {
    expect(site.schools.map((s) => s.status.state)).toEqual(['overdue', 'due-soon', 'in-date']);
  });

  it('notes the PDF, the signed copy and the logo where there are some', () => {
    const [a, c, b] = site.schools;
    expect(a!.pdfBytes).toBe(1234);
    expect(c!.pdfBytes).toBeUndefined();
    expect(b!.approval?.sentence).toMatch(/^Changed since/);
    expect(a!.logo).toEqual({ source: '/p/schools/logos/a.PNG', fileName: 'logo.png', mediaType: 'image/png' });
  });

  it('renders articles with links under the base path, keeping them only for the live preview', () => {
    const [a] = site.schools;
    const html = pageArticle(a!, site.base);
    expect(html).toContain('href="/policies/a/policy.pdf"');
    expect(html).toContain('src="/policies/a/logo.png"');
    // A build renders each page once and keeps nothing.
    expect(a!.article).toBeUndefined();
    provideSiteData({ ...site, live: true });
    try {
      expect(pageArticle(a!, site.base)).toBe(html);
      expect(a!.article).toBe(html);
    } finally {
      provideSiteData(undefined);
    }
  });
});

describe("a school's two pages", () => {
  const withText: PolicyDocument = {
    ...doc('d', 'Dale Primary', '2025-12'),
    children: [{ type: 'section', id: 'scope', depth: 1, title: 'Scope', children: [{ type: 'paragraph', id: 'who', children: [{ type: 'text', value: 'All staff <and> governors.' }] }] }],
  };
  const fresh = () => createSiteData(project([withText]), { root: '/p', base: '/', today: '2025-01-15' }).schools[0]!;

  it('share one rendering of the contents and body: the first page makes it, the second takes it', () => {
    const school = fresh();
    const standalone = standalonePage(school, 'p { margin: 0 }');
    expect(standalone).toBe(renderStandalone(withText, { css: 'p { margin: 0 }' }));
    expect(school.parts?.body).toContain('All staff &lt;and&gt; governors.');
    // The second page uses what the first left rather than rendering the body again…
    school.parts!.body = '<p>as the first page left it</p>';
    const page = pageArticle(school, '/');
    expect(page).toContain('<p>as the first page left it</p>');
    expect(page).not.toContain('All staff');
    // …and a build keeps nothing once both pages have it.
    expect(school.parts).toBeUndefined();
  });

  it('render the same either way round as each page alone', () => {
    const school = fresh();
    const page = pageArticle(school, '/');
    expect(page).toBe(renderPolicyArticle(withText, { status: school.status }));
    expect(standalonePage(school, '')).toBe(renderStandalone(withText, { css: '' }));
    expect(school.parts).toBeUndefined();
  });
});

describe('policy.html in a build', () => {
  const withText: PolicyDocument = {
    ...doc('e', 'Elm Primary', '2025-12'),
    children: [{ type: 'section', id: 'scope', depth: 1, title: 'Scope', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Everyone.' }] }] }],
  };

  it("is written as the school's page renders, from the body the page rendered, and not rendered again by its route", () => {
    const site = createSiteData(project([withText]), { root: '/p', base: '/', today: '2025-01-15' });
    const written = new Map<string, string>();
    const pages: string[] = [];
    provideSiteData({ ...site, writeStandalone: (slug, html) => written.set(slug, html), onPage: (slug) => pages.push(slug) });
    try {
      expect(standaloneRoutes()).toEqual([]);
      const school = site.schools[0]!;
      pageArticle(school, '/');
      expect(school.parts).toBeDefined();
      pageRendered(school, 'p { margin: 0 }');
      expect(written.get('e')).toBe(renderStandalone(withText, { css: 'p { margin: 0 }' }));
      expect(pages).toEqual(['e']);
      // Nothing of the body is held once both are made.
      expect(school.parts).toBeUndefined();
    } finally {
      provideSiteData(undefined);
    }
  });

  it('is a route of its own for the live preview, which writes nothing', () => {
    const site = createSiteData(project([withText, doc('f', 'Fir Primary', '2025-12')]), { root: '/p', base: '/', today: '2025-01-15' });
    provideSiteData({ ...site, live: true });
    try {
      expect(standaloneRoutes()).toEqual([{ params: { slug: 'e' } }, { params: { slug: 'f' } }]);
      expect(() => pageRendered(site.schools[0]!, '')).not.toThrow();
    } finally {
      provideSiteData(undefined);
    }
  });
});

describe('base paths', () => {
  it('normalises what people type to /sub/path/', () => {
    expect(normaliseBase(undefined)).toBe('/');
    expect(normaliseBase('')).toBe('/');
    expect(normaliseBase('policies')).toBe('/policies/');
    expect(normaliseBase('/trust/policies')).toBe('/trust/policies/');
    expect(normaliseBase('//policies//')).toBe('/policies/');
  });

  it('joins a base and a site path', () => {
    expect(withBase('/')).toBe('/');
    expect(withBase('/policies/', 'a/')).toBe('/policies/a/');
    expect(withBase('/policies', '/search/')).toBe('/policies/search/');
  });
});
