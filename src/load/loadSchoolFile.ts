// A school's YAML, merged over the defaults file it names, with the origin of every value.

import { dirname, posix } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.ts';
import type { World } from '../project/World.ts';
import { type DataPath, lazyMap, type NodeLocation, parseYamlFile, pathKey, type YamlFile } from './parseYamlFile.ts';

export interface LoadedSchool {
  slug: string;
  /** Project-relative path of the school's own file. */
  file: string;
  /** The school's data with its defaults applied; not yet validated. */
  data: unknown;
  /** Where each value came from: the school file or the defaults file it inherits. */
  locations: ReadonlyMap<string, NodeLocation>;
  /** The file a value comes from, without reading positions: the school's own, or the defaults file it inherits. */
  fileOf(path: DataPath): string;
  /** The text of every file read, for code frames. */
  sources: Map<string, string>;
}

export interface LoadedFiles {
  school: YamlFile;
  defaults?: YamlFile;
}

export function loadSchoolFile(world: World, file: string, slug: string): { value: LoadedSchool | undefined; diagnostics: Diagnostic[]; sources: Map<string, string> } {
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const own = readYaml(world, file, diagnostics, sources);
  if (!own) return { value: undefined, diagnostics, sources };

  if (own.data === null || own.data === undefined) {
    diagnostics.push({
      code: 'EMPTY_FILE',
      severity: 'error',
      message: 'the school file is empty',
      file,
      line: 1,
      column: 1,
      hint: `run \`npx policy-press new "School Name"\` for a file with every field, or copy an example from schools/`,
    });
    return { value: undefined, diagnostics, sources };
  }
  if (!isPlainObject(own.data)) {
    diagnostics.push({
      code: 'NOT_A_MAPPING',
      severity: 'error',
      message: `the file holds ${Array.isArray(own.data) ? 'a list' : 'a single value'} where a mapping of fields ("name: value" lines) belongs`,
      file,
      line: own.locations.get(pathKey([]))?.value.line ?? 1,
      column: own.locations.get(pathKey([]))?.value.column ?? 1,
      hint: 'start the file with fields such as `school:` and `people:`, not with "- "',
    });
    return { value: undefined, diagnostics, sources };
  }

  // Closures below keep only the file's positions, not the file: its data is merged into `data` here.
  const ownLocations = own.locations;
  let data: unknown = withoutEmptyValues(own.data);
  // Values the school takes from its defaults file, by their paths: their locations are the defaults file's.
  const inherited: DataPath[] = [];
  let inheritedFrom: YamlFile | undefined;
  const defaultsRef = own.data.defaults;
  if (typeof defaultsRef === 'string') {
    const defaultsFile = posix.normalize(posix.join(dirname(file), defaultsRef));
    const defaults = readYaml(world, defaultsFile, diagnostics, sources, () => ownLocations.get(pathKey(['defaults'])), file);
    if (defaults) {
      if (defaults.data !== null && defaults.data !== undefined && !isPlainObject(defaults.data)) {
        diagnostics.push({
          code: 'NOT_A_MAPPING',
          severity: 'error',
          message: 'a defaults file must hold a mapping of fields, like a school file',
          file: defaultsFile,
          line: 1,
          column: 1,
        });
      } else if (isPlainObject(defaults.data)) {
        if ('defaults' in defaults.data) {
          const at = defaults.locations.get(pathKey(['defaults']))?.key;
          diagnostics.push({
            code: 'NESTED_DEFAULTS',
            severity: 'error',
            message: 'a defaults file cannot itself inherit another defaults file',
            file: defaultsFile,
            line: at?.line ?? 1,
            column: at?.column ?? 1,
            hint: 'copy the shared values into this one defaults file',
          });
        }
        data = mergeOver(withoutEmptyValues(defaults.data), data as Record<string, unknown>, [], inherited);
        inheritedFrom = defaults;
      }
    }
  }
  const fromLocations = inheritedFrom?.locations;
  const fromFile = inheritedFrom?.file;
  const locations = lazyMap(
    () => {
      const merged = new Map(ownLocations);
      for (const path of inherited) copyLocations(fromLocations!, merged, path);
      return merged;
    },
    fromLocations ? [ownLocations, fromLocations] : [ownLocations],
  );
  // A value read from a file is a slice of the file's whole text, and keeps it: copied, the data keeps
  // only its values (15 MB less at 1,000 schools, and the texts can be let go: see forgetSourceTexts).
  data = structuredClone(data);
  return { value: { slug, file, data, locations, fileOf: fileOfValues(file, inherited, fromFile), sources }, diagnostics, sources };
}

/**
 * The file each value comes from: `from` for the `inherited` paths, else the school's `file`. Made
 * here, not in loadSchoolFile, so that it keeps only these: a closure there would share its scope
 * with the positions' closures, and keep the files' texts (see forgetSourceTexts).
 */
function fileOfValues(file: string, inherited: readonly DataPath[], from: string | undefined): (path: DataPath) => string {
  return (path) => (from !== undefined && inherited.some((p) => p.every((step, i) => path[i] === step)) ? from : file);
}

function readYaml(
  world: World,
  file: string,
  diagnostics: Diagnostic[],
  sources: Map<string, string>,
  referencedAt?: () => NodeLocation | undefined,
  referencedFrom?: string,
): YamlFile | undefined {
  const bytes = world.readFile(file);
  if (!bytes) {
    diagnostics.push({
      code: 'FILE_NOT_FOUND',
      severity: 'error',
      message: `${file} does not exist`,
      file: referencedFrom ?? file,
      line: referencedAt?.()?.value.line,
      column: referencedAt?.()?.value.column,
      hint: 'the path is relative to the school file; check its spelling',
    });
    return undefined;
  }
  const parsed = parseYamlFile(bytes, file);
  diagnostics.push(...parsed.diagnostics);
  if (parsed.text !== undefined) sources.set(file, parsed.text);
  return parsed.value;
}

/**
 * Mappings merge key by key; anything else (a list, a value) from the school
 * replaces the default whole, because a school listing its own sites means
 * exactly those sites.
 */
function mergeOver(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
  path: (string | number)[],
  inherited: DataPath[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(base)) {
    if (key === 'defaults') continue;
    if (!(key in over)) {
      out[key] = base[key];
      inherited.push([...path, key]);
    }
  }
  for (const key of Object.keys(over)) {
    const b = base[key];
    const o = over[key];
    out[key] = isPlainObject(b) && isPlainObject(o) ? mergeOver(b, o, [...path, key], inherited) : o;
  }
  return out;
}

function copyLocations(from: ReadonlyMap<string, NodeLocation>, to: Map<string, NodeLocation>, prefix: DataPath): void {
  const head = pathKey(prefix).slice(0, -1);
  for (const [key, location] of from) {
    if (key === pathKey(prefix) || key.startsWith(`${head},`)) to.set(key, location);
  }
}

/**
 * `systems:` with every line under it commented out is YAML null. People mean
 * "not set", so such keys are dropped rather than reported as the wrong type
 * (and an empty key in a school does not blank out its trust's default).
 */
function withoutEmptyValues(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (value === null) continue;
    out[key] = isPlainObject(value) ? withoutEmptyValues(value) : value;
  }
  return out;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
