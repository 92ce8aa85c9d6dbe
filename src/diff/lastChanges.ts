// The last commit that changed each school's policy: every school in one walk down the project's history.
//
// A build in a git repository summarises each school's changes since the last commit whose rendering of
// it differs (see changeSummary.ts). Asked school by school, that was two `git` processes for each school
// and a load of the school, with every template family, at each commit that touched its file or the
// templates: 111 s for 1,000 schools with a single commit, on top of an 8 s load. Here each commit is
// visited once for all the schools still looking, and a school whose reads (recordReads.ts) git would
// answer the same at a commit is known to render the same there, without being loaded.

import { hasErrors } from '../diagnostics/index.ts';
import { type FamilyReads, listSchoolFiles, loadOne, type ProjectStart, type SchoolReads, SCHOOLS_DIR, startFamilies } from '../project/loadProject.ts';
import { answersTheSame, type Reads } from '../project/recordReads.ts';
import type { World } from '../project/World.ts';
import { toPlainText } from '../write/text/toPlainText.ts';
import { commitsTouching, createGitWorld, shortRevision } from './gitWorld.ts';
import type { PolicyVersion } from './revisions.ts';

export interface CurrentPolicy {
  slug: string;
  /** Its text now (toPlainText): what its text at each commit is compared with. */
  text: string;
  /** What its load read, when it was loaded from a world: a commit that answers those reads the same is skipped, not loaded. */
  reads?: { families: FamilyReads; school: SchoolReads };
}

export interface LastChange {
  commit: string;
  /**
   * The school at that commit: without a document when it did not exist then; undefined when it did not
   * load (a problem in its file or the templates then, which `policy-press diff` names).
   */
  version: PolicyVersion | undefined;
}

/**
 * For each school, the newest commit (of those touching the project's folder) whose rendering of it
 * differs from its text now: whether the change came from its file, its defaults, its logo or the
 * templates. A school that no commit renders otherwise is not in the result.
 */
export function lastChanges(world: World, policies: readonly CurrentPolicy[]): Map<string, LastChange> {
  const walk = new HistoryWalk(world);
  const found = new Map<string, LastChange>();
  for (const policy of policies) {
    const change = walk.lastChange(policy);
    if (change) found.set(policy.slug, change);
  }
  return found;
}

/** What a commit answers, asked once for all the schools (see HistoryWalk). */
interface CommitState {
  commit: string;
  at: World;
  names: Map<string, string>;
  /** The families as they were, loaded only when a school is loaded or one of them changed. */
  startAt(): ProjectStart;
  /** Whether any family has a problem at this commit (every school's load then fails). */
  familyProblem(): boolean;
  /** Whether this commit loads the school whose reads these are as the reads' world did (see HistoryWalk.lastChange). */
  unchanged(reads: { families: FamilyReads; school: SchoolReads }): boolean;
  /** The families loaded at this commit (or another that has the same), once started; their reads are `project.reads.families`. */
  started(): Pick<ProjectStart, 'project' | 'family'> | undefined;
}

/**
 * The project's history, walked school by school: a build asks for each school's last change as soon as
 * the school is loaded (so its PDF, with the summary of changes, can be drawn while the others load).
 * Each commit's files, names and families are read once for every school that reaches that commit, and
 * a school whose reads git answers the same at a commit is known to render the same there, without
 * being loaded.
 */
export class HistoryWalk {
  readonly #world: World;
  #commits?: string[];
  readonly #states: CommitState[] = [];
  #familyLoads = 0;

  constructor(world: World) {
    this.#world = world;
  }

  /** How many times the template families were loaded: once for each set of templates met (see #familiesLike). */
  get familyLoads(): number {
    return this.#familyLoads;
  }

  /** The newest commit whose rendering of the school differs from its text now, if any (see lastChanges). */
  lastChange(policy: CurrentPolicy): LastChange | undefined {
    let reads = policy.reads;
    this.#commits ??= commitsTouching(this.#world.root, ['.']);
    for (let i = 0; i < this.#commits.length; i++) {
      const state = this.#state(i);
      if (reads && state.unchanged(reads)) {
        // The families as they were here serve as well for older commits, and are compared once for all the schools.
        const families = state.started()?.project.reads!.families;
        if (families) reads = { ...reads, families };
        continue;
      }
      const label = shortRevision(this.#world.root, state.commit);
      const fileNames = state.names.get(policy.slug);
      let version: PolicyVersion | undefined = { label };
      let schoolReads: SchoolReads | undefined;
      // Two files giving its slug is an error, as a problem in any family is.
      if (fileNames !== undefined && (fileNames.includes('/') || state.familyProblem())) version = undefined;
      else if (fileNames !== undefined) {
        const loaded = loadOne(state.at, state.startAt(), policy.slug, `${SCHOOLS_DIR}/${fileNames}`);
        schoolReads = loaded.reads;
        const { sink } = loaded;
        version = hasErrors(loaded.familyDiagnostics) || hasErrors(sink.diagnostics) ? undefined : { label, doc: sink.documents.get(policy.slug), data: sink.schools[0]?.data };
      }
      const text = version?.doc ? toPlainText(version.doc) : '';
      if (text !== policy.text || !schoolReads) return { commit: state.commit, version };
      // The same text: so is the text at any older commit that answers these reads the same.
      reads = { families: state.startAt().project.reads!.families, school: schoolReads };
    }
    return undefined;
  }

  /** The i-th commit's state, made when a school first reaches it. */
  #state(i: number): CommitState {
    let state = this.#states[i];
    if (state) return state;
    const commit = this.#commits![i]!;
    const at = createGitWorld(this.#world.root, commit, this.#world.today);
    const { names } = listSchoolFiles(at);
    const same = memo((reads: Reads) => answersTheSame(reads, at, names));
    const sameFamilies = memo((families: FamilyReads) => same(families.list) && [...families.byName.values()].every(same));
    let start: ProjectStart | undefined;
    const load = () => {
      this.#familyLoads++;
      return startFamilies(at);
    };
    const startAt = () => (start ??= { ...(this.#familiesLike(sameFamilies) ?? load()), schoolFiles: [], schoolFileNames: names });
    const familyProblem = () => hasErrors(startAt().project.diagnostics);
    // A school's load is the same at this commit if its own reads, and the families it used, are; and
    // no family has a problem (as none had when its reads were recorded: it loaded).
    const unchanged = ({ families, school }: { families: FamilyReads; school: SchoolReads }) =>
      same(school.own) && (sameFamilies(families) || (!familyProblem() && school.families.every((name) => families.byName.has(name) && same(families.byName.get(name)!))));
    state = { commit, at, names, startAt, familyProblem, unchanged, started: () => start };
    this.#states[i] = state;
    return state;
  }

  /**
   * Families loaded at another commit whose every read (the list of families, each family's files) this
   * commit answers the same: they are these families, so they are not loaded again. Most commits change
   * a school, not a template; loading the templates again at each of 45 commits took 1.7 s of a
   * 1,000-school build, and every commit kept its own copy for the rest of the load.
   */
  #familiesLike(sameFamilies: (families: FamilyReads) => boolean): Pick<ProjectStart, 'project' | 'family'> | undefined {
    for (const other of this.#states) {
      const families = other?.started();
      if (families && sameFamilies(families.project.reads!.families)) return families;
    }
    return undefined;
  }
}

/** `answer`, asked once for each argument. */
function memo<K, V>(answer: (key: K) => V): (key: K) => V {
  const answers = new Map<K, V>();
  return (key) => {
    if (!answers.has(key)) answers.set(key, answer(key));
    return answers.get(key)!;
  };
}
