// Compare a school's policy at two points: the tree diff plus the summary of data changes.

import type { PolicyVersion } from './revisions.ts';
import { compareDocuments } from './compareDocuments.ts';
import { type PolicyDiff, summaryLines } from './formatDiff.ts';
import { summariseDataChanges } from './summariseDataChanges.ts';

export function diffVersions(from: PolicyVersion, to: PolicyVersion): PolicyDiff {
  const doc = to.doc ?? from.doc;
  const changes = to.doc ? compareDocuments(from.doc, to.doc) : [];
  const dataChanges = summariseDataChanges(from.data ?? {}, to.data ?? {});
  return {
    school: doc?.meta.schoolName ?? '',
    title: doc?.meta.title ?? 'Policy',
    from: from.doc ? from.label : `${from.label} (the school did not exist yet)`,
    to: to.label,
    summary: summaryLines(dataChanges, changes),
    dataChanges,
    changes,
  };
}
