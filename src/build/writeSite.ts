// The website build step: Astro renders every page into the staging folder, and Pagefind indexes the policies as they render.

import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeWorld } from '../project/World.ts';
import type { Policies } from '../project/loadPolicies.ts';
import { createSiteData } from '../site/createSiteData.ts';
import { normaliseBase, provideSiteData } from '../site/siteData.ts';
import type { BuildStep } from './buildProject.ts';
import { readPublishedApproval } from './publishSignedCopies.ts';

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
  site.onPage = () => options.progress?.tick('pages', ++done, total);
  // Shown from the start: Astro bundles the pages for a few seconds before it renders the first.
  options.progress?.tick('pages', 0, total);

  // Pagefind reads each page as Astro renders it (src/middleware.ts), on the core Astro leaves free,
  // in the order Astro starts them: the search page, then the schools' pages as the index lists them.
  const search = await startSearchIndex(['search/index.html', ...site.schools.map((s) => `${s.slug}/index.html`)]);
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
    await search.write(join(staging, 'pagefind'));
    options.progress?.tick('search index', 1, 1);
  } finally {
    await search.close();
  }
};

function sizeOf(file: string): number | undefined {
  return existsSync(file) ? statSync(file).size : undefined;
}

interface SearchIndex {
  /** A rendered page, by its file under the site (e.g. "oak/index.html"). */
  add(file: string, html: string): void;
  /** Waits for every page added, then writes the index into `folder`. */
  write(folder: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Pagefind over the policy pages (they mark their text with data-pagefind-body), fed each page from
 * memory as Astro renders it; search then works from the files it writes into the site. Reading
 * the finished files afterwards cost less CPU, but left a core idle while Astro rendered and the
 * whole index to make after it.
 */
async function startSearchIndex(order: readonly string[]): Promise<SearchIndex> {
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) {
    await pagefind.close();
    throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  }
  // The index numbers pages in the order they are added, and pages finish rendering in whatever order
  // their PDFs do: so each is held until those before it in `order` are in, and rebuilds stay identical.
  const held = new Map<string, string>();
  let next = 0;
  const added: Promise<{ file: string; errors: string[] }>[] = [];
  const feed = (file: string, html: string) => added.push(index.addHTMLFile({ sourcePath: file, content: html }).then((r) => ({ file, errors: r.errors })));
  const release = () => {
    while (next < order.length && held.has(order[next]!)) {
      const file = order[next++]!;
      feed(file, held.get(file)!);
      held.delete(file);
    }
  };
  return {
    add(file, html) {
      held.set(file, html);
      release();
    },
    async write(folder) {
      // Pages the order did not expect (or that never came) go last, by name.
      for (const file of [...held.keys()].sort()) feed(file, held.get(file)!);
      held.clear();
      const failed = (await Promise.all(added)).filter((r) => r.errors.length);
      if (failed.length) throw new Error(`Pagefind could not index ${failed[0]!.file}: ${failed[0]!.errors.join('; ')}`);
      const written = await index.writeFiles({ outputPath: folder });
      if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    },
    close: async () => {
      await pagefind.close();
    },
  };
}
