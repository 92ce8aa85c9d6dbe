// Bundles of the search index from earlier builds, by the pages they index: a rebuild asks Pagefind to
// index only the bundles whose pages changed (see searchIndex.ts), and copies the others.
//
// Pagefind's files for a bundle are a function of its pages (each page's file and HTML, in order), of
// the bundle's folder and of the code (Pagefind's version is in the lockfile): the key is a digest of
// all of them, with the same fingerprint of the code as the PDF cache (buildCache.ts). A manifest lists, for each
// bundle of the last build, its key and the digest of each page, so a rebuild can tell, page by page
// as they render, whether a bundle is still the same.

import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CACHE_DIR, codeFingerprint } from './buildCache.ts';

export const SEARCH_CACHE_DIR = `${CACHE_DIR}/search`;
const MANIFEST = 'manifest.json';

/** One bundle of a build's index, as the next build needs to know it. */
export interface CachedBundle {
  folder: string;
  key: string;
  /** Digest of each page, in the order they were indexed. */
  pages: string[];
}

/** The digest of one page, by its file under the site and its HTML. */
export function pageDigest(file: string, html: string): string {
  return createHash('sha256').update(file).update('\0').update(html).digest('hex');
}

/** The key of a bundle: the code, its folder and its pages. */
export function bundleKey(folder: string, pages: readonly string[]): string {
  const hash = createHash('sha256').update(codeFingerprint()).update('\0').update(folder);
  for (const page of pages) hash.update('\0').update(page);
  return hash.digest('hex');
}

export class SearchCache {
  readonly dir: string;
  /** The last build's bundles, by folder. */
  readonly previous: ReadonlyMap<string, CachedBundle>;

  constructor(root: string) {
    this.dir = join(root, SEARCH_CACHE_DIR);
    this.previous = new Map(readManifest(join(this.dir, MANIFEST)).map((b) => [b.folder, b]));
  }

  /** Copies the bundle kept under `key` to `folder`; false when there is none. */
  copyTo(key: string, folder: string): boolean {
    const kept = join(this.dir, key);
    if (!existsSync(join(kept, 'pagefind-entry.json'))) return false;
    cpSync(kept, folder, { recursive: true });
    return true;
  }

  /**
   * Keeps the bundle Pagefind wrote in `folder`, without the folders in it that are not its own
   * (`inside`, relative to it), copied aside and renamed, so a build stopped halfway never leaves half a bundle.
   */
  put(key: string, folder: string, inside: readonly string[] = []): void {
    const kept = join(this.dir, key);
    if (existsSync(kept)) return;
    const aside = `${kept}.${process.pid}.tmp`;
    mkdirSync(this.dir, { recursive: true });
    cpSync(folder, aside, { recursive: true, filter: (source) => !inside.includes(relative(folder, source)) });
    renameSync(aside, kept);
  }

  /** Records this build's bundles for the next, and removes the ones it did not use. */
  finish(bundles: readonly CachedBundle[]): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(join(this.dir, MANIFEST), `${JSON.stringify(bundles)}\n`);
    const used = new Set(bundles.map((b) => b.key));
    for (const name of readdirSync(this.dir)) {
      if (name !== MANIFEST && !used.has(name)) rmSync(join(this.dir, name), { recursive: true, force: true });
    }
  }
}

/** The last build's bundles; none when there is no manifest, or one this version cannot read (the bundles are then made again). */
function readManifest(file: string): CachedBundle[] {
  try {
    const bundles: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (Array.isArray(bundles) && bundles.every((b: Partial<CachedBundle>) => typeof b?.folder === 'string' && typeof b.key === 'string' && Array.isArray(b.pages))) return bundles as CachedBundle[];
  } catch {
    // no manifest yet, or an unreadable one
  }
  return [];
}
