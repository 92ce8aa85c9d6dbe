// The search index: Pagefind over the policy pages as Astro renders them, in bundles that are each
// written as soon as their pages are in, and copied from the last build's when their pages are unchanged.

import { join, relative } from 'node:path';
import type { PagefindIndex } from 'pagefind';
import { bundleKey, type CachedBundle, pageDigest, type SearchCache } from './searchCache.ts';
import { BuildStepFailed } from './BuildStepFailed.ts';

export interface SearchIndex {
  /** A rendered page, by its file under the site (e.g. "oak/index.html"). */
  add(file: string, html: string): void;
  /** Waits for every page added, then for every bundle of the index to be written. */
  finish(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Pages in one Pagefind index at most. Pagefind holds an index in memory until it writes it, and
 * writing one index of 1,000 pages took its process to 775 MB, on one core, after the last page. So
 * a large site's search is split into bundles of consecutive pages, each written, and let go, as soon
 * as its pages are in (while Astro renders the next); the search page merges them (Pagefind's
 * mergeIndex, which ranks the results of every bundle together, by score). Measured side by side at
 * 1,000 schools, Pagefind's process peaked at 175-205 MB with bundles of 125 pages against 235-275 MB
 * with 250, in the same time, and the last bundle, written after the last page, took half as long;
 * a search fetches a few more small files (one word list per bundle it looks in).
 */
export const SEARCH_BUNDLE_PAGES = 125;

/** A bundle of the search index: a folder under the site, and its pages' places in the feeding order. */
export interface SearchBundle {
  folder: string;
  start: number;
  end: number;
}

export const SEARCH_BUNDLE_VARIABLE = 'POLICY_PRESS_SEARCH_BUNDLE_PAGES';

/** The variable's value, if set: a host that would rather have fewer, larger bundles (or a test that wants several). */
export function bundlePages(value: string | undefined): number {
  if (value === undefined || value === '') return SEARCH_BUNDLE_PAGES;
  if (!/^[1-9]\d*$/.test(value)) {
    throw new BuildStepFailed([{ code: 'BAD_SETTING', severity: 'error', file: SEARCH_BUNDLE_VARIABLE, message: `${SEARCH_BUNDLE_VARIABLE} is "${value}", not a number of pages`, hint: `set it to a whole number, e.g. ${SEARCH_BUNDLE_PAGES} (the default), or unset it` }]);
  }
  return Number(value);
}

/** `pages` pages split into as few bundles as hold at most `perBundle` each, as even as can be: pagefind/, pagefind/part-2/, … */
export function searchBundles(pages: number, perBundle = SEARCH_BUNDLE_PAGES): SearchBundle[] {
  const count = Math.max(1, Math.ceil(pages / perBundle));
  const size = Math.ceil(pages / count);
  return Array.from({ length: count }, (_, i) => ({ folder: i === 0 ? 'pagefind' : `pagefind/part-${i + 1}`, start: i * size, end: Math.min(pages, (i + 1) * size) })).filter((b, i) => i === 0 || b.start < b.end);
}

/** One bundle's part of the index as it is being made. */
interface BundleState {
  bundle: SearchBundle;
  /** The same bundle in the last build, when the cache has it. */
  previous: CachedBundle | undefined;
  index: PagefindIndex;
  /** Pages sent to Pagefind, resolving when it has indexed each. */
  added: Promise<{ file: string; errors: string[] }>[];
  /** The digest of each page fed, in order (see searchCache.ts). */
  digests: string[];
  /**
   * Pages held back while each is the same as the last build's bundle had at that place: if they all
   * are, the bundle is copied from the cache and Pagefind never sees them. Undefined once one differs
   * (or when there is nothing to compare with), and from then on each page is indexed as it comes.
   */
  unchanged: { file: string; html: string }[] | undefined;
  /**
   * Pages that came while the bundle before was still being indexed and written: Pagefind is given one
   * bundle at a time. Given the next bundle's pages meanwhile, it held both bundles at once, and its
   * process peaked at 230-265 MB instead of 150-180 once the pages came as fast as it could index
   * them; held here, they are 10-25 MB of this thread's heap.
   */
  waiting: { file: string; html: string }[] | undefined;
  /** Once all its pages are in (see searchCache.ts). */
  key?: string;
  written?: Promise<void>;
}

/**
 * Pagefind over the policy pages (they mark their text with data-pagefind-body), fed each page from
 * memory as Astro renders it; search then works from the files it writes into the site. Reading
 * the finished files afterwards cost less CPU, but left a core idle while Astro rendered and the
 * whole index to make after it. With a cache, a bundle whose pages are all as the last build's is
 * copied from it instead: a rebuild with one school changed indexes one bundle, not all of them.
 */
export async function startSearchIndex(order: readonly string[], bundles: readonly SearchBundle[], site: string, cache: SearchCache | undefined): Promise<SearchIndex> {
  const pagefind = await import('pagefind');
  const states: BundleState[] = [];
  for (const bundle of bundles) {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!index) {
      await pagefind.close();
      throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    }
    const previous = cache?.previous.get(bundle.folder);
    states.push({ bundle, previous, index, added: [], digests: [], unchanged: previous ? [] : undefined, waiting: states.length > 0 ? [] : undefined });
  }
  // The index numbers pages in the order they are added, and pages finish rendering in whatever order
  // their PDFs do: so each is held until those before it in `order` are in, and rebuilds stay identical.
  const held = new Map<string, string>();
  let next = 0;
  const bundleAt = (position: number) => Math.max(0, bundles.findLastIndex((b) => b.start <= position));
  const index = (state: BundleState, file: string, html: string) => {
    const adding = state.index.addHTMLFile({ sourcePath: file, content: html }).then((r) => ({ file, errors: r.errors }));
    // Awaited when its bundle is written; if the build stops first, closing Pagefind rejects it, unawaited.
    adding.catch(() => {});
    state.added.push(adding);
  };
  // Sends Pagefind the pages held back as unchanged, and from then on every page as it comes.
  const indexHeld = (state: BundleState) => {
    const pages = state.unchanged ?? [];
    state.unchanged = undefined;
    for (const page of pages) index(state, page.file, page.html);
  };
  const feed = (b: number, file: string, html: string) => {
    const state = states[b]!;
    if (state.waiting) {
      state.waiting.push({ file, html });
      return;
    }
    const digest = pageDigest(file, html);
    const place = state.digests.push(digest) - 1;
    if (state.unchanged && state.previous?.pages[place] === digest) {
      state.unchanged.push({ file, html });
      return;
    }
    indexHeld(state);
    index(state, file, html);
  };
  const open = (b: number) => {
    const state = states[b]!;
    const waiting = state.waiting ?? [];
    state.waiting = undefined;
    for (const page of waiting) feed(b, page.file, page.html);
  };
  const write = (b: number): Promise<void> => {
    const state = states[b]!;
    const { folder } = state.bundle;
    const writing = (async () => {
      // Its pages go to Pagefind once the bundle before is written, which opens this one (see `waiting`).
      await states[b - 1]?.written?.catch(() => {});
      const key = bundleKey(folder, state.digests);
      state.key = key;
      if (state.unchanged && state.previous?.key === key && cache?.copyTo(key, join(site, folder))) {
        state.unchanged = undefined;
      } else {
        indexHeld(state);
        const failed = (await Promise.all(state.added)).filter((r) => r.errors.length);
        if (failed.length) throw new Error(`Pagefind could not index ${failed[0]!.file}: ${failed[0]!.errors.join('; ')}`);
        const result = await state.index.writeFiles({ outputPath: join(site, folder) });
        if (result.errors.length) throw new Error(`Pagefind could not write its index: ${result.errors.join('; ')}`);
        // The first bundle's folder holds the others' (pagefind/part-2/, …): they are not part of it.
        const inside = bundles.filter((other) => other.folder.startsWith(`${folder}/`)).map((other) => relative(folder, other.folder));
        cache?.put(key, join(site, folder), inside);
      }
      await state.index.deleteIndex();
    })().finally(() => states[b + 1] && open(b + 1));
    // Awaited by finish(); handled here so a failure waits for it rather than crashing the process first.
    writing.catch(() => {});
    return writing;
  };
  const release = () => {
    while (next < order.length && held.has(order[next]!)) {
      const file = order[next]!;
      const b = bundleAt(next);
      feed(b, file, held.get(file)!);
      held.delete(file);
      next++;
      // A bundle whose last page is in is written now; the last bundle waits for finish().
      if (next === states[b]!.bundle.end && b < bundles.length - 1) states[b]!.written = write(b);
    }
  };
  return {
    add(file, html) {
      held.set(file, html);
      release();
    },
    async finish() {
      // Pages the order did not expect (or that never came) go last, by name, into the first bundle not yet written.
      const b = bundleAt(Math.min(next, order.length - 1));
      for (const file of [...held.keys()].sort()) feed(b, file, held.get(file)!);
      held.clear();
      for (let i = 0; i < bundles.length; i++) states[i]!.written ??= write(i);
      await Promise.all(states.map((state) => state.written));
      cache?.finish(states.map((state) => ({ folder: state.bundle.folder, key: state.key!, pages: state.digests })));
    },
    close: async () => {
      await pagefind.close();
    },
  };
}
