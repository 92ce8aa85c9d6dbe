// How the build feeds Pagefind: with Pagefind replaced by a recorder, so what it is given, and when, can be seen.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { bundleKey, pageDigest, type SearchCache } from '../src/build/searchCache.ts';
import { searchBundles, startSearchIndex } from '../src/build/searchIndex.ts';

/** What Pagefind was asked, in order: "add 1 b.html", "write 1 start", "write 1 end". */
const log: string[] = [];
/** Each index's writeFiles waits for the test to let it finish. */
const writes: (() => void)[] = [];

vi.mock('pagefind', () => {
  let made = 0;
  return {
    createIndex: async () => {
      const n = made++;
      return {
        errors: [],
        index: {
          addHTMLFile: async ({ sourcePath }: { sourcePath: string }) => (log.push(`add ${n} ${sourcePath}`), { errors: [] }),
          writeFiles: () => (log.push(`write ${n} start`), new Promise((resolve) => writes.push(() => (log.push(`write ${n} end`), resolve({ errors: [] }))))),
          deleteIndex: async () => {},
        },
      };
    },
    close: async () => {},
  };
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

beforeEach(() => {
  log.length = 0;
  writes.length = 0;
});

describe('startSearchIndex', () => {
  it("gives Pagefind one bundle at a time: the next bundle's pages wait until the one before is written", async () => {
    const order = ['a.html', 'b.html', 'c.html', 'd.html', 'e.html'];
    // Three bundles: a b, c d, e.
    const search = await startSearchIndex(order, searchBundles(order.length, 2), '/nowhere', undefined);
    for (const file of ['a.html', 'b.html', 'c.html', 'd.html']) search.add(file, `<p>${file}</p>`);
    await settle();
    // The first bundle is written once its last page is in; the second's pages wait for it.
    expect(log).toEqual(['add 0 a.html', 'add 0 b.html', 'write 0 start']);
    writes.shift()!();
    await settle();
    expect(log.slice(3)).toEqual(['write 0 end', 'add 1 c.html', 'add 1 d.html', 'write 1 start']);
    // The last page comes while the second bundle is being written; finish waits for both.
    search.add('e.html', '<p>e.html</p>');
    const finished = search.finish();
    await settle();
    expect(log.slice(7)).toEqual([]);
    writes.shift()!();
    await settle();
    expect(log.slice(7)).toEqual(['write 1 end', 'add 2 e.html', 'write 2 start']);
    writes.shift()!();
    await finished;
    expect(log.at(-1)).toBe('write 2 end');
  });

  it('keys a bundle by all its pages, when they waited for the bundle before', async () => {
    const order = ['a.html', 'b.html', 'c.html', 'd.html'];
    const finished: { folder: string; key: string; pages: string[] }[][] = [];
    const cache = { previous: new Map(), copyTo: () => false, put: () => {}, finish: (bundles: never) => void finished.push(bundles) } as unknown as SearchCache;
    const search = await startSearchIndex(order, searchBundles(order.length, 2), '/nowhere', cache);
    // Every page is in, and the last bundle's write asked for, before the first bundle is written.
    for (const file of order) search.add(file, `<p>${file}</p>`);
    const done = search.finish();
    await settle();
    writes.shift()!();
    await settle();
    writes.shift()!();
    await done;
    const digests = order.map((file) => pageDigest(file, `<p>${file}</p>`));
    expect(finished).toEqual([
      [
        { folder: 'pagefind', key: bundleKey('pagefind', digests.slice(0, 2)), pages: digests.slice(0, 2) },
        { folder: 'pagefind/part-2', key: bundleKey('pagefind/part-2', digests.slice(2)), pages: digests.slice(2) },
      ],
    ]);
  });
});
