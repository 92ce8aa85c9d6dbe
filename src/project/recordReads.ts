// What a load read through its World, and what each read gave: so another world (a git revision) can be asked whether it would give the same.

import { createHash } from 'node:crypto';
import type { World } from './World.ts';

/**
 * Each read as a key (`file:`, `dir:` or `isdir:`, then the path) and its answer: a file's git object id
 * ('' when it did not exist), a folder's names, "true" or "false". A school's load also records
 * `school file:<slug>`: which names of schools/ give its slug (see listSchoolFiles in loadProject.ts).
 *
 * A load is a function of what its World answers (all file access and today's date come through it), so
 * a load whose every read would be answered the same by another world gives the same result there,
 * without being run: it would make the same reads in the same order. The change summaries use this to
 * skip the revisions at which nothing a school read had changed (diff/lastChanges.ts).
 */
export type Reads = Map<string, string>;

/** A world whose files have git object ids, so their contents can be compared without reading them (a git revision). */
export interface WorldWithObjectIds extends World {
  objectId(path: string): string | undefined;
}

/** The id git gives a file with these bytes (SHA-1, git's default object format). */
export function blobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** `world`, with every read it answers added to `reads`. */
export function recordReads(world: World, reads: Reads = new Map()): { world: World; reads: Reads } {
  const recording: World = {
    root: world.root,
    readFile(path) {
      const bytes = world.readFile(path);
      reads.set(`file:${path}`, bytes ? blobId(bytes) : '');
      return bytes;
    },
    listDir(path) {
      const names = world.listDir(path);
      reads.set(`dir:${path}`, names.join('/'));
      return names;
    },
    isDirectory(path) {
      const is = world.isDirectory(path);
      reads.set(`isdir:${path}`, String(is));
      return is;
    },
    today: () => world.today(),
  };
  return { world: recording, reads };
}

/**
 * Whether `world` gives every answer in `reads`, `schoolFileNames` being its listSchoolFiles names (a read of
 * today's date is not recorded: the worlds compared share one day).
 */
export function answersTheSame(reads: Reads, world: WorldWithObjectIds, schoolFileNames: ReadonlyMap<string, string>): boolean {
  for (const [key, answer] of reads) {
    const colon = key.indexOf(':');
    const kind = key.slice(0, colon);
    const path = key.slice(colon + 1);
    const now =
      kind === 'file' ? (world.objectId(path) ?? '')
      : kind === 'dir' ? world.listDir(path).join('/')
      : kind === 'isdir' ? String(world.isDirectory(path))
      : kind === 'school file' ? (schoolFileNames.get(path) ?? '')
      : undefined;
    if (now !== answer) return false;
  }
  return true;
}
