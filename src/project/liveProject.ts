// The live preview's project: a saved school file reloads that school alone; any other change, the whole project.
//
// Reloading a project of 1,000 schools took 7 s, on every save; the dev server's page waited for it. A school
// depends only on its own file, the templates, a trust's defaults file, its logo and today's date, so when
// only school files changed (saved, added, deleted or renamed) the other schools are kept as they were
// loaded, and the project is put together again as loadProject gives it (see assembleProject). Loading
// every school (at start, or after a template changed) is done on two threads, as a build does.

import { assembleProject, type LoadedSchool, loadSchools, PARALLEL_LOAD_FROM } from './loadInParallel.ts';
import { type Project, SCHOOLS_DIR, startProject } from './loadProject.ts';
import type { World } from './World.ts';

const SCHOOL_FILE = new RegExp(`^${SCHOOLS_DIR}/[^/.][^/]*\\.ya?ml$`, 'i');

/** A school file, as listSchoolFiles reads one: schools/<name>.yaml or .yml, not hidden (an editor's swap file). */
export function isSchoolFile(file: string): boolean {
  return SCHOOL_FILE.test(file);
}

export class LiveProject {
  readonly #world: () => World;
  readonly #parallelFrom: number;
  #loaded = new Map<string, { file: string; school: LoadedSchool }>();
  #today: string | undefined;

  /**
   * `world` gives the project's world as it is now (it is asked again at each reload); the schools are
   * loaded on two threads when `parallelFrom` or more are to be loaded (see loadSchools).
   */
  constructor(world: () => World, parallelFrom = PARALLEL_LOAD_FROM) {
    this.#world = world;
    this.#parallelFrom = parallelFrom;
  }

  /** Every school loaded again. */
  load(): Promise<Project> {
    return this.#assemble(this.#world(), () => true);
  }

  /**
   * The project after the files in `changed` (paths from the project's root, `/` between folders) were
   * saved, added or deleted: only the school files among them loaded again, unless something else changed
   * (a template, a trust's defaults, a logo) or the day did, which loads every school again. Call it
   * once the last call has settled.
   */
  reload(changed: Iterable<string>): Promise<Project> {
    const files = new Set(changed);
    const world = this.#world();
    if (this.#today !== world.today() || ![...files].every(isSchoolFile)) return this.#assemble(world, () => true);
    return this.#assemble(world, (file) => files.has(file));
  }

  /** The project with the schools whose file `stale` names loaded again (and those not loaded before); the others kept. */
  async #assemble(world: World, stale: (file: string) => boolean): Promise<Project> {
    // The templates are read again (0.1 s for the examples' two families): a kept school needs them unchanged, and they are.
    const start = startProject(world);
    const kept = new Map<string, { file: string; school: LoadedSchool }>();
    const toLoad: { slug: string; file: string }[] = [];
    for (const { slug, file } of start.schoolFiles) {
      const before = this.#loaded.get(slug);
      if (before && before.file === file && !stale(file)) kept.set(slug, before);
      else toLoad.push({ slug, file });
    }
    const fresh = await loadSchools(world, start, toLoad, this.#parallelFrom);
    const loaded = new Map(start.schoolFiles.map(({ slug, file }) => [slug, kept.get(slug) ?? { file, school: fresh.get(slug)! }]));
    this.#loaded = loaded;
    this.#today = world.today();
    // Schools loaded on the loading thread have no locator; none has, so all are alike (nothing after loading asks).
    return assembleProject(start, (slug) => loaded.get(slug)?.school, { withoutLocations: true });
  }
}
