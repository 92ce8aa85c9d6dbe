// "Summary of changes since <date>": what governors are asked to approve, compared with the copy they signed last.

import type { World } from '../project/World.ts';
import { formatDate } from '../render/format.ts';
import type { PolicyDocument, Section } from '../tree/types.ts';
import { toPlainText } from '../write/text/toPlainText.ts';
import { diffVersions } from './diffSchool.ts';
import { readEmbeddedSource } from './embeddedSource.ts';
import { commitDate, isGitRepository } from './gitWorld.ts';
import { type CurrentPolicy, HistoryWalk } from './lastChanges.ts';
import type { PolicyDiff } from './formatDiff.ts';
import type { PolicyVersion } from './revisions.ts';

export const CHANGE_SUMMARY_ID = 'changes-since-approval';
const APPROVED_DIR = 'approved';
const DATED_PDF = /^(\d{4}-\d{2}-\d{2})\.pdf$/i;

/** The policy without its change summary: what a signed copy is compared on. */
export function coreText(doc: PolicyDocument): string {
  return toPlainText({ ...doc, children: doc.children.filter((s) => s.id !== CHANGE_SUMMARY_ID) });
}

export interface ApprovedBase {
  /** The approval date (the file's name). */
  date: string;
  file: string;
  version: PolicyVersion;
}

/** The signed copies in approved/<slug>/, by their dated names. */
function datedCopies(world: World, slug: string): string[] {
  return world.listDir(`${APPROVED_DIR}/${slug}`).filter((n) => DATED_PDF.test(n));
}

/**
 * The newest signed copy (of `copies`, see datedCopies) whose wording differs
 * from the current policy's. Copies with the current wording are skipped, so
 * once this version is signed, rebuilding it still summarises the changes
 * against the approval before — and the rebuilt PDF stays byte for byte the
 * signed one.
 */
async function approvedBase(world: World, doc: PolicyDocument, copies: string[]): Promise<ApprovedBase | undefined> {
  const dir = `${APPROVED_DIR}/${doc.slug}`;
  const current = coreText(doc);
  for (const name of copies.sort().reverse()) {
    const file = `${dir}/${name}`;
    const bytes = world.readFile(file);
    const source = bytes && (await readEmbeddedSource(bytes).catch(() => undefined));
    if (!source) continue; // the build's publishing step reports unreadable copies
    if (coreText(source.tree) === current) continue;
    const date = DATED_PDF.exec(name)![1]!;
    const tree = { ...source.tree, children: source.tree.children.filter((c) => c.id !== CHANGE_SUMMARY_ID) };
    return { date, file, version: { label: `the copy approved on ${formatDate(date)} (${file})`, doc: tree, data: source.data } };
  }
  return undefined;
}

export function changeSummarySection(diff: PolicyDiff, since: string): Section {
  return {
    type: 'section',
    id: CHANGE_SUMMARY_ID,
    depth: 1,
    title: `Summary of changes since ${formatDate(since)}`,
    children: [
      { type: 'paragraph', children: [{ type: 'text', value: `What has changed since governors approved this policy on ${formatDate(since)}.` }] },
      { type: 'list', ordered: false, items: diff.summary.map((line) => ({ type: 'listItem', children: [{ type: 'paragraph', children: [{ type: 'text', value: line }] }] })) },
    ],
  };
}

export interface ChangesSinceApproval {
  since: string;
  diff: PolicyDiff;
}

/** A school just loaded, as change summaries need it: its document (to which a summary is added), data and reads. */
export interface SchoolToSummarise {
  slug: string;
  doc: PolicyDocument;
  data: unknown;
  reads?: CurrentPolicy['reads'];
}

/**
 * Adds the summary section to a school whose policy changed since its last
 * signed copy (before the document history, so just before the PDF's
 * sign-off page), and returns the diff for the site's changes page. With no
 * signed copy, the base is the same as `policy-press diff`'s default: the last
 * commit whose rendering of the school differs from now. A school that did
 * not exist then is new, not changed, and gets no summary.
 *
 * Asked school by school as each is loaded, so that its document is final
 * (and its PDF can be drawn) while the others load; each commit of the
 * project's history is read once for them all (HistoryWalk). A school whose signed copies must be
 * read is answered later (a promise); the others at once.
 */
export function changeSummaries(world: World): (school: SchoolToSummarise) => ChangesSinceApproval | undefined | Promise<ChangesSinceApproval | undefined> {
  let walk: HistoryWalk | null | undefined;
  const fromHistory = (school: SchoolToSummarise): ApprovedBase | undefined => {
    // Asked once: it starts a git process.
    walk ??= isGitRepository(world.root) ? new HistoryWalk(world) : null;
    const change = walk?.lastChange({ slug: school.slug, text: toPlainText(school.doc), reads: school.reads });
    return change?.version?.doc ? { date: commitDate(world.root, change.commit), file: change.commit, version: change.version } : undefined;
  };
  return (school) => {
    const copies = datedCopies(world, school.slug);
    if (copies.length === 0) return addSummary(school, fromHistory(school));
    return approvedBase(world, school.doc, copies).then((base) => addSummary(school, base ?? fromHistory(school)));
  };
}

function addSummary({ doc, data }: SchoolToSummarise, base: ApprovedBase | undefined): ChangesSinceApproval | undefined {
  if (!base) return undefined;
  const diff = diffVersions(base.version, { label: 'this version', doc, data });
  if (diff.summary.length === 0) return undefined;
  const at = doc.children.findIndex((s) => s.id === 'document-history');
  doc.children.splice(at < 0 ? doc.children.length : at, 0, changeSummarySection(diff, base.date));
  return { since: base.date, diff };
}
