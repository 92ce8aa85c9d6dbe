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
  const found = new Map<string, LastChange>();
  let looking = policies.map((policy) => ({ ...policy }));
  for (const commit of commitsTouching(world.root, ['.'])) {
    if (looking.length === 0) break;
    const at = createGitWorld(world.root, commit, world.today);
    const { names } = listSchoolFiles(at);
    // The families as they were, loaded only when a school is loaded or one of them changed.
    let start: ProjectStart | undefined;
    const startAt = () => (start ??= { ...startFamilies(at), schoolFiles: [], schoolFileNames: names });
    const familyProblem = () => hasErrors(startAt().project.diagnostics);
    const same = memo((reads: Reads) => answersTheSame(reads, at, names));
    const sameFamilies = memo((families: FamilyReads) => same(families.list) && [...families.byName.values()].every(same));
    // A school's load is the same at this commit if its own reads, and the families it used, are; and
    // no family has a problem (as none had when its reads were recorded: it loaded).
    const unchanged = ({ families, school }: { families: FamilyReads; school: SchoolReads }) =>
      same(school.own) && (sameFamilies(families) || (!familyProblem() && school.families.every((name) => families.byName.has(name) && same(families.byName.get(name)!))));

    looking = looking.filter((policy) => {
      if (policy.reads && unchanged(policy.reads)) {
        // The families as they were here serve as well for older commits, and are compared once for all the schools.
        if (start) policy.reads = { ...policy.reads, families: start.project.reads!.families };
        return true;
      }
      const label = shortRevision(world.root, commit);
      const fileNames = names.get(policy.slug);
      let version: PolicyVersion | undefined = { label };
      let reads: SchoolReads | undefined;
      // Two files giving its slug is an error, as a problem in any family is.
      if (fileNames !== undefined && (fileNames.includes('/') || familyProblem())) version = undefined;
      else if (fileNames !== undefined) {
        const loaded = loadOne(at, startAt(), policy.slug, `${SCHOOLS_DIR}/${fileNames}`);
        reads = loaded.reads;
        const { sink } = loaded;
        version = hasErrors(loaded.familyDiagnostics) || hasErrors(sink.diagnostics) ? undefined : { label, doc: sink.documents.get(policy.slug), data: sink.schools[0]?.data };
      }
      const text = version?.doc ? toPlainText(version.doc) : '';
      if (text !== policy.text || !reads) {
        found.set(policy.slug, { commit, version });
        return false;
      }
      // The same text: so is the text at any older commit that answers these reads the same.
      policy.reads = { families: startAt().project.reads!.families, school: reads };
      return true;
    });
  }
  return found;
}

/** `answer`, asked once for each argument. */
function memo<K, V>(answer: (key: K) => V): (key: K) => V {
  const answers = new Map<K, V>();
  return (key) => {
    if (!answers.has(key)) answers.set(key, answer(key));
    return answers.get(key)!;
  };
}
