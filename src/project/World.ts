// All I/O the stages need comes through here, so stages stay pure and testable.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface World {
  /** Absolute path of the project (the folder holding schools/ and templates/). */
  readonly root: string;
  /** Bytes of a file given relative to the root, or undefined when it does not exist. */
  readFile(path: string): Uint8Array | undefined;
  /** Names (not paths) of the entries of a folder relative to the root; [] when it does not exist. */
  listDir(path: string): string[];
  isDirectory(path: string): boolean;
  /** Today's date as YYYY-MM-DD: SOURCE_DATE_EPOCH when set, else the clock. */
  today(): string;
}

export function createNodeWorld(root: string, env: NodeJS.ProcessEnv = process.env): World {
  const abs = (path: string) => join(root, path);
  return {
    root,
    readFile(path) {
      try {
        return readFileSync(abs(path));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    listDir(path) {
      try {
        return readdirSync(abs(path)).sort();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    },
    isDirectory(path) {
      try {
        return statSync(abs(path)).isDirectory();
      } catch {
        return false;
      }
    },
    today() {
      const epoch = env.SOURCE_DATE_EPOCH;
      const date = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
      return date.toISOString().slice(0, 10);
    },
  };
}

/** Project-relative path with forward slashes, as diagnostics print it. */
export function toProjectPath(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/');
}
