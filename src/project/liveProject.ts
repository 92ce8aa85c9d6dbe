// The live preview's project: a saved school file reloads that school alone; any other change, the whole project.
//
// Reloading a project of 1,000 schools took 7 s, on every save; the dev server's page waited for it. A school
// depends only on its own file, the templates, a trust's defaults file, its logo and today's date, so when
// only school files changed (saved, added, deleted or renamed) the other schools are kept as they were
// loaded, and the project is put together again as loadProject gives it (see assembleProject).

import { assembleProject, loadOne, type Project, type SchoolLoad, slugOfSchoolPath, startProject } from './loadProject.ts';
import type { World } from './World.ts';

/** A school file, as listSchoolFiles reads one: schools/<name>.yaml or .yml, not hidden (an editor's swap file). */
export function isSchoolFile(file: string): boolean {
  return slugOfSchoolPath(file) !== undefined;
}

export class LiveProject {
  readonly #world: () => World;
  #loaded = new Map<string, { file: string; school: SchoolLoad }>();
  #today: string | undefined;

  /** `world` gives the project's world as it is now (it is asked again at each reload). */
  constructor(world: () => World) {
    this.#world = world;
  }

  /** Every school loaded again. */
  load(): Project {
    return this.#assemble(this.#world(), () => true);
  }

  /**
   * The project after the files in `changed` (paths from the project's root, `/` between folders) were
   * saved, added or deleted: only the school files among them loaded again, unless something else changed
   * (a template, a trust's defaults, a logo) or the day did, which loads every school again.
   */
  reload(changed: Iterable<string>): Project {
    const files = new Set(changed);
    const world = this.#world();
    if (this.#today !== world.today() || ![...files].every(isSchoolFile)) return this.#assemble(world, () => true);
    return this.#assemble(world, (file) => files.has(file));
  }

  /**
   * The project with the schools that read a file `stale` names loaded again (a school file may be another's
   * defaults file), and those not loaded before; the others kept.
   */
  #assemble(world: World, stale: (file: string) => boolean): Project {
    // The templates are read again (0.1 s for the examples' two families): a kept school needs them unchanged, and they are.
    const start = startProject(world);
    const loaded = new Map<string, { file: string; school: SchoolLoad }>();
    for (const { slug, file } of start.schoolFiles) {
      const before = this.#loaded.get(slug);
      const keep = before && before.file === file && !stale(file) && ![...before.school.sink.sources.keys()].some(stale);
      loaded.set(slug, keep ? before : { file, school: loadOne(world, start, slug, file) });
    }
    this.#loaded = loaded;
    this.#today = world.today();
    return assembleProject(start, (slug) => loaded.get(slug)?.school);
  }
}
