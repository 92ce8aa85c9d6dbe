// The whole project: every school file loaded, validated and rendered against its template family.

import type { Diagnostic } from '../diagnostics/index.ts';
import { type LoadedSchool as LoadedSchoolFile, loadSchoolFile } from '../load/loadSchoolFile.ts';
import { releaseLazyMap } from '../load/parseYamlFile.ts';
import { checkFamilyFields } from '../render/checkFamilyFields.ts';
import { listFamilies, loadFamily, type TemplateFamily } from '../render/loadFamily.ts';
import { renderSchool } from '../render/renderSchool.ts';
import type { PolicyDocument } from '../tree/types.ts';
import { locate } from '../validate/toDiagnostics.ts';
import { type School, validateSchool } from '../validate/validateSchool.ts';
import { checkFamilyCharacters, checkSchoolCharacters } from '../write/pdf/checkCharacters.ts';
import { brandingOf } from './brandingOf.ts';
import { type Reads, recordReads } from './recordReads.ts';
import type { World } from './World.ts';

export const SCHOOLS_DIR = 'schools';
export const DEFAULT_FAMILY = 'lgfl-e-security';
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Folders of dist/ the website itself uses (the search page and its index). */
export const RESERVED_SLUGS: readonly string[] = ['search', 'pagefind'];

export interface Project {
  schools: School[];
  documents: Map<string, PolicyDocument>;
  families: Map<string, TemplateFamily>;
  /** Text of every file read, for code frames. */
  sources: Map<string, string>;
  diagnostics: Diagnostic[];
  /** What loading read (see recordReads.ts): the template families', and each school's. */
  reads?: ProjectReads;
}

export interface ProjectReads {
  families: FamilyReads;
  schools: Map<string, SchoolReads>;
}

/** What the template families read: the list of them, and each one. A problem in any family stops the project. */
export interface FamilyReads {
  list: Reads;
  byName: Map<string, Reads>;
}

/** What a school read itself (which file of schools/ it is, the file, its defaults, its logo), and the families it asked for. */
export interface SchoolReads {
  own: Reads;
  families: string[];
}

export interface ProjectOptions {
  /** Only these slugs (all when absent). Templates are always checked. */
  only?: readonly string[];
  /**
   * Told of each school as soon as it is loaded, before the next is: its document is then final as
   * loadProject leaves it (loadPolicies adds its summary of changes before telling), and the build starts
   * its PDF (see build/buildProject.ts).
   */
  onSchool?: (school: LoadedSchool) => void;
}

/** A school just loaded: its document and data, when it has them (a school with errors may have neither), and what its load read. */
export interface LoadedSchool {
  slug: string;
  document?: PolicyDocument;
  data?: unknown;
  reads?: { families: FamilyReads; school: SchoolReads };
}

/**
 * Lets go of every file's text and every school's positions, for a run that has printed its
 * diagnostics and reports nothing more from the schools' files (a build, once loaded): at 1,000
 * schools they held 25 MB of the heap to the end. A position asked for after this points at the
 * school's file.
 */
export function forgetSourceTexts(project: Project): void {
  project.sources.clear();
  for (const school of project.schools) school.locator = { ...school.locator, locations: new Map() };
}

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ł/g, 'l')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function isSlug(value: string): boolean {
  return SLUG.test(value);
}

/** A file of schools/ that is a school's (schools/<slug>.yaml or .yml), and the slug it gives. */
const SCHOOL_FILE_NAME = /^(.*)\.ya?ml$/i;

/** The slug a name in schools/ gives, or undefined if it is not a school file (another file, or a hidden one such as an editor's swap file). */
export function slugOfSchoolFile(name: string): string | undefined {
  return name.startsWith('.') ? undefined : SCHOOL_FILE_NAME.exec(name)?.[1];
}

/** The slug a path from the project's root gives when it is a school file (schools/<slug>.yaml), or undefined. */
export function slugOfSchoolPath(path: string): string | undefined {
  const name = path.startsWith(`${SCHOOLS_DIR}/`) ? path.slice(SCHOOLS_DIR.length + 1) : '/';
  return name.includes('/') ? undefined : slugOfSchoolFile(name);
}

/**
 * School files in schools/, with problems in their names; and, for each slug, the names that give it, in
 * order: what one school's load depends on in the list (its file is the first; a second is an error).
 * Recorded as a read of its own (see schoolFileRead), so a school added or removed is not a change to the others.
 */
export function listSchoolFiles(world: World): { value: { slug: string; file: string }[]; diagnostics: Diagnostic[]; names: Map<string, string> } {
  const diagnostics: Diagnostic[] = [];
  const bySlug = new Map<string, string>();
  const files: { slug: string; file: string }[] = [];
  const names = new Map<string, string>();
  for (const name of world.listDir(SCHOOLS_DIR)) {
    const slug = slugOfSchoolFile(name);
    if (slug === undefined) continue;
    names.set(slug, names.has(slug) ? `${names.get(slug)}/${name}` : name);
    const file = `${SCHOOLS_DIR}/${name}`;
    if (!isSlug(slug)) {
      diagnostics.push({ code: 'INVALID_SLUG', severity: 'error', message: `"${slug}" cannot be a school's web address: the file name must be lower-case letters, digits and hyphens`, file, hint: `rename the file to ${SCHOOLS_DIR}/${slugify(slug) || 'school-name'}.yaml` });
      continue;
    }
    if (RESERVED_SLUGS.includes(slug)) {
      diagnostics.push({ code: 'RESERVED_SLUG', severity: 'error', message: `"${slug}" cannot be a school's web address: dist/${slug}/ is part of the website`, file, hint: `rename the file, e.g. to ${SCHOOLS_DIR}/${slug}-school.yaml` });
      continue;
    }
    const other = bySlug.get(slug);
    if (other) {
      diagnostics.push({ code: 'DUPLICATE_SLUG', severity: 'error', message: `two files give the school slug "${slug}" (${other} and ${file})`, file, hint: 'delete or rename one of them; .yaml and .yml of the same name are the same school' });
      continue;
    }
    bySlug.set(slug, file);
    files.push({ slug, file });
  }
  return { value: files, diagnostics, names };
}

/** The problems listSchoolFiles finds in a file's name. */
const FILE_NAME_CODES = new Set(['INVALID_SLUG', 'RESERVED_SLUG', 'DUPLICATE_SLUG']);

/** Whether a problem is with the name of a school file that gives none of `slugs`. */
function isAnotherSchoolsFileName(d: Diagnostic, slugs: ReadonlySet<string>): boolean {
  if (!FILE_NAME_CODES.has(d.code) || d.file === undefined) return false;
  const slug = slugOfSchoolPath(d.file);
  return slug === undefined || !slugs.has(slug);
}

/** The project before its schools: every school file listed, every template family loaded and checked. */
export interface ProjectStart {
  project: Project;
  schoolFiles: { slug: string; file: string }[];
  /** For each slug, the names in schools/ that give it (see listSchoolFiles). */
  schoolFileNames: Map<string, string>;
  /** A family by name, loaded once. */
  family(name: string): TemplateFamily | undefined;
}

export function startProject(world: World): ProjectStart {
  const listed = listSchoolFiles(world);
  const start = startFamilies(world);
  start.project.diagnostics.unshift(...listed.diagnostics);
  return { ...start, schoolFiles: listed.value, schoolFileNames: listed.names };
}

/**
 * The project before its schools, without listing them: every template family loaded and checked, and
 * what each read (a school depends on its own family, and on there being no problem in any: a problem
 * in any family stops the project).
 */
export function startFamilies(world: World): Pick<ProjectStart, 'project' | 'family'> {
  const reads: FamilyReads = { list: new Map(), byName: new Map() };
  const project: Project = { schools: [], documents: new Map(), families: new Map(), sources: new Map(), diagnostics: [], reads: { families: reads, schools: new Map() } };

  const loadedFamilies = new Set<string>();
  const family = (name: string) => {
    if (!loadedFamilies.has(name)) {
      loadedFamilies.add(name);
      const recorded = recordReads(world);
      reads.byName.set(name, recorded.reads);
      const loaded = loadFamily(recorded.world, name);
      project.diagnostics.push(...loaded.diagnostics);
      if (loaded.value) project.families.set(name, loaded.value);
      if (loaded.value) project.diagnostics.push(...checkFamilyCharacters(loaded.value));
      for (const [file, text] of loaded.sources) project.sources.set(file, text);
      for (const section of loaded.value?.sections ?? []) project.sources.set(section.file, section.source);
    }
    return project.families.get(name);
  };
  // Every template is checked, whether or not a school uses it.
  for (const name of listFamilies(recordReads(world, reads.list).world)) family(name);
  return { project, family };
}

/** The read of the names that give a slug (see listSchoolFiles), as recordReads keeps reads. */
export function schoolFileRead(slug: string, names: ReadonlyMap<string, string>): [string, string] {
  return [`school file:${slug}`, names.get(slug) ?? ''];
}

export function loadProject(world: World, options: ProjectOptions = {}): Project {
  const start = startProject(world);
  const { project, schoolFiles } = start;
  const wanted = options.only ? new Set(options.only) : undefined;
  for (const { slug, file } of schoolFiles) {
    if (wanted && !wanted.has(slug)) continue;
    const { reads } = loadRecorded(world, start, slug, file, project);
    project.reads!.schools.set(slug, reads);
    if (options.onSchool) {
      const school = project.schools.at(-1);
      options.onSchool({ slug, document: project.documents.get(slug), data: school?.slug === slug ? school.data : undefined, reads: { families: project.reads!.families, school: reads } });
    }
  }
  if (wanted) {
    // A school loaded on its own (`text`, `pdf`, `check SLUG`, a version for `diff`) does not depend on the
    // others' file names: a misnamed file beside it is for `check` and `build` to report, not a reason
    // this school's text (git's diff of it too) or PDF cannot be made.
    project.diagnostics = project.diagnostics.filter((d) => !isAnotherSchoolsFileName(d, wanted));
    for (const slug of wanted) {
      if (!schoolFiles.some((s) => s.slug === slug)) {
        project.diagnostics.push({ code: 'UNKNOWN_SCHOOL', severity: 'error', message: `there is no school "${slug}" (no ${SCHOOLS_DIR}/${slug}.yaml)`, hint: `the schools are: ${schoolFiles.map((s) => s.slug).join(', ') || 'none yet'}` });
      }
    }
  }
  return project;
}

/** What loading one school adds to a project. */
export type SchoolSink = Pick<Project, 'schools' | 'documents' | 'sources' | 'diagnostics'>;

/** Loads, validates and renders one school file into `into`: its school, its document, the files it read and its problems. */
export function loadSchool(world: World, slug: string, file: string, family: (name: string) => TemplateFamily | undefined, into: SchoolSink): void {
  const loaded = loadSchoolFile(world, file, slug);
  into.diagnostics.push(...loaded.diagnostics);
  for (const [f, text] of loaded.sources) into.sources.set(f, text);
  if (!loaded.value) return;
  try {
    checkAndRender(world, slug, loaded.value, family, into);
  } finally {
    // Its problems are placed: the positions found to place them are let go (found again if asked).
    releaseLazyMap(loaded.value.locations);
  }
}

function checkAndRender(world: World, slug: string, loaded: LoadedSchoolFile, family: (name: string) => TemplateFamily | undefined, into: SchoolSink): void {
  // What the school's family requires, and what it sets that the family never prints; on the loaded data, so it is reported with every other problem.
  const declared = (loaded.data as { template?: unknown }).template;
  const ownFamily = declared === undefined ? family(DEFAULT_FAMILY) : typeof declared === 'string' ? family(declared.trim()) : undefined;
  const familyFields = ownFamily ? checkFamilyFields(loaded, ownFamily) : [];
  into.diagnostics.push(...familyFields);
  const validated = validateSchool(loaded, ownFamily && { family: ownFamily.name, fields: ownFamily.meta.requires ?? [] });
  into.diagnostics.push(...validated.diagnostics);
  const school = validated.value;
  if (!school) return;
  into.schools.push(school);
  // The PDF's font is the narrowest output: a character it lacks is an input error, found here with its position.
  into.diagnostics.push(...checkSchoolCharacters(school));

  const familyName = school.data.template ?? DEFAULT_FAMILY;
  const templates = family(familyName);
  if (!templates) {
    if (!world.isDirectory(`templates/${familyName}`)) {
      into.diagnostics.push({ code: 'UNKNOWN_TEMPLATE', severity: 'error', message: `there is no template family "${familyName}"`, hint: `the families are: ${listFamilies(world).join(', ')}`, ...locate(school.locator, ['template']) });
    }
    return;
  }
  if (familyFields.some((d) => d.severity === 'error')) return;
  const rendered = renderSchool(school, templates);
  into.diagnostics.push(...rendered.diagnostics);
  const branding = brandingOf(school, world);
  into.diagnostics.push(...branding.diagnostics);
  if (rendered.value) into.documents.set(slug, branding.value ? { ...rendered.value, meta: { ...rendered.value.meta, branding: branding.value } } : rendered.value);
}

/** One school as loaded, and any problems with a template family it was the first to use. */
export interface SchoolLoad {
  slug: string;
  familyDiagnostics: Diagnostic[];
  sink: SchoolSink;
  reads: SchoolReads;
}

/** loadSchool, with what the school read and the families it asked for. */
function loadRecorded(world: World, start: ProjectStart, slug: string, file: string, into: SchoolSink): { reads: SchoolReads } {
  const recorded = recordReads(world, new Map([schoolFileRead(slug, start.schoolFileNames)]));
  const families = new Set<string>();
  const family = (name: string) => {
    families.add(name);
    return start.family(name);
  };
  loadSchool(recorded.world, slug, file, family, into);
  return { reads: { own: recorded.reads, families: [...families] } };
}

/** Loads one school on its own (see assembleProject): its sink, and the problems of a family it was the first to ask for. */
export function loadOne(world: World, start: ProjectStart, slug: string, file: string): SchoolLoad {
  const before = start.project.diagnostics.length;
  const sink: SchoolSink = { schools: [], documents: new Map(), sources: new Map(), diagnostics: [] };
  const { reads } = loadRecorded(world, start, slug, file, sink);
  return { slug, familyDiagnostics: start.project.diagnostics.splice(before), sink, reads };
}

/**
 * The project loadProject gives, from its start and each of its schools loaded on its own (loadOne), in
 * the order of its school files: a family's problem once, where the first school that used it stands.
 */
export function assembleProject(start: ProjectStart, loadedSchool: (slug: string) => SchoolLoad | undefined): Project {
  const { project } = start;
  const seen = new Set(project.diagnostics.map((d) => JSON.stringify(d)));
  for (const { slug } of start.schoolFiles) {
    const loaded = loadedSchool(slug);
    if (!loaded) throw new Error(`${slug} was not loaded`);
    for (const d of loaded.familyDiagnostics) {
      const key = JSON.stringify(d);
      if (!seen.has(key)) project.diagnostics.push(d);
      seen.add(key);
    }
    const { sink } = loaded;
    project.diagnostics.push(...sink.diagnostics);
    for (const [file, text] of sink.sources) project.sources.set(file, text);
    project.schools.push(...sink.schools);
    for (const [s, doc] of sink.documents) project.documents.set(s, doc);
    project.reads!.schools.set(slug, loaded.reads);
  }
  return project;
}
