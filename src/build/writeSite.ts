// The website build step: Astro renders every page into the staging folder, and Pagefind indexes the policies as they render.

import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeWorld } from '../project/World.ts';
import type { Policies } from '../project/loadPolicies.ts';
import { createSiteData } from '../site/createSiteData.ts';
import { normaliseBase, provideSiteData } from '../site/siteData.ts';
import type { BuildStep } from './buildProject.ts';
import { readPublishedApproval } from './publishSignedCopies.ts';
import { SearchCache } from './searchCache.ts';
import { bundlePages, SEARCH_BUNDLE_VARIABLE, searchBundles, startSearchIndex } from './searchIndex.ts';

/** The folder holding astro.config.mjs and src/pages: this package, wherever the school data lives. */
export const SITE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Pages rendering (or waiting for their PDF) at once: enough to keep this thread busy while PDFs are made on others. */
const PAGES_AT_ONCE = 16;

/** Runs after the PDF and signed-copy steps, so a page can link to those files and give their sizes. */
export const writeSite: BuildStep = async (project, staging, options, pending) => {
  const env = options.env ?? process.env;
  const base = normaliseBase(options.base ?? env.POLICY_PRESS_BASE);
  const total = project.documents.size;
  let done = 0;
  const site = createSiteData(project, {
    root: options.root,
    base,
    today: createNodeWorld(options.root, env).today(),
    // A PDF may still be being made (or sealed) on another thread: its page waits for it.
    pdfBytes: async (slug) => {
      await pending.of(`${slug}/policy.pdf`);
      return sizeOf(join(staging, slug, 'policy.pdf'));
    },
    // Present when the project was loaded with loadPolicies (the build does).
    changes: (slug) => (project as Partial<Policies>).changes?.get(slug),
    approval: (slug) => {
      const published = readPublishedApproval(staging, slug);
      if (!published) return undefined;
      const bytes = published.file && sizeOf(join(staging, slug, published.file));
      return published.file && published.sha256 && bytes !== undefined
        ? { sentence: published.sentence, signed: { fileName: published.file, bytes, sha256: published.sha256 } }
        : { sentence: published.sentence };
    },
  });
  site.writeStandalone = (slug, html) => {
    // The texts step makes the school's folder in a full build; a build of the site alone has not.
    mkdirSync(join(staging, slug), { recursive: true });
    writeFileSync(join(staging, slug, 'policy.html'), html);
  };
  site.onPage = () => options.progress?.tick('pages', ++done, total);
  // Shown from the start: Astro bundles the pages for a few seconds before it renders the first.
  options.progress?.tick('pages', 0, total);

  // Pagefind reads each page as Astro renders it (src/middleware.ts), on the core Astro leaves free,
  // in the order Astro starts them: the search page, then the schools' pages as the index lists them.
  const order = ['search/index.html', ...site.schools.map((s) => `${s.slug}/index.html`)];
  const bundles = searchBundles(order.length, bundlePages(env[SEARCH_BUNDLE_VARIABLE]));
  site.searchBundles = bundles.map((b) => `${b.folder}/`);
  const search = await startSearchIndex(order, bundles, staging, options.cache === false ? undefined : new SearchCache(options.root));
  site.onHtml = search.add;

  // Astro reads these from the environment; nothing leaves the machine during a build.
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  try {
    const { build } = await import('astro');
    provideSiteData(site);
    // Astro puts the page code it runs beside the output only when the output is inside the
    // working folder; otherwise in ./.astro/, where a second build in this process would load
    // the first build's (cached) modules. So work from the staging folder's parent meanwhile.
    const cwd = process.cwd();
    process.chdir(dirname(staging));
    try {
      await build({
        root: SITE_ROOT,
        outDir: staging,
        base,
        logLevel: 'warn',
        // Pages that wait for their PDF let the next ones render meanwhile.
        build: { concurrency: PAGES_AT_ONCE },
        vite: {
          // The staging folder already holds the texts and PDFs of earlier steps.
          build: { emptyOutDir: false },
          // Astro runs its page code from beside the output, which may be far from this package's
          // node_modules (a school project's dist/): so bundle every dependency into it.
          environments: { prerender: { resolve: { noExternal: true } } },
        },
      });
    } finally {
      process.chdir(cwd);
      provideSiteData(undefined);
    }
    options.progress?.tick('search index', 0, 1);
    await search.finish();
    options.progress?.tick('search index', 1, 1);
  } finally {
    await search.close();
  }
};

function sizeOf(file: string): number | undefined {
  return existsSync(file) ? statSync(file).size : undefined;
}
