// Project → the data the site's pages render, worked out once per build (or per change in the dev server).

import { extname, join } from 'node:path';
import type { ChangesSinceApproval } from '../diff/changeSummary.ts';
import { diffToHtmlFragment } from '../diff/formatDiff.ts';
import type { Project } from '../project/loadProject.ts';
import { formatDate } from '../render/format.ts';
import { reviewStatus } from '../tree/reviewStatus.ts';
import type { PolicyDocument } from '../tree/types.ts';
import type { SiteData, SiteSchool } from './siteData.ts';

const MEDIA_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp' };

export interface SiteOptions {
  root: string;
  base: string;
  today: string;
  /** Size of a school's PDF, when there is one; a promise while the build is still making it. */
  pdfBytes?: (slug: string) => number | undefined | Promise<number | undefined>;
  /** The signed copy the build published for a school, when there is one. */
  approval?: (slug: string) => SiteSchool['approval'];
  /** What changed since the school's last signed copy (see diff/changeSummary.ts). */
  changes?: (slug: string) => ChangesSinceApproval | undefined;
}

const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

/** The order the index lists schools in (and so the order Astro renders their pages). */
export function bySchoolName(a: { slug: string; doc: PolicyDocument }, b: { slug: string; doc: PolicyDocument }): number {
  return collator.compare(a.doc.meta.schoolName, b.doc.meta.schoolName) || a.slug.localeCompare(b.slug);
}

export function createSiteData(project: Project, { root, base, today, pdfBytes, approval, changes }: SiteOptions): SiteData {
  const schools: SiteSchool[] = [];
  for (const [slug, doc] of project.documents) {
    const school: SiteSchool = { slug, doc, status: reviewStatus(doc.meta.nextReview.iso, today) };
    const bytes = pdfBytes?.(slug);
    if (bytes instanceof Promise) {
      school.ready = bytes.then((size) => {
        if (size !== undefined) school.pdfBytes = size;
      });
      // The school's page awaits it, and fails with it; if the build fails before that page renders,
      // the failure is the build's to report, not an unhandled rejection.
      school.ready.catch(() => {});
    } else if (bytes !== undefined) school.pdfBytes = bytes;
    const approved = approval?.(slug);
    if (approved) school.approval = approved;
    const changed = changes?.(slug);
    if (changed) school.changes = { since: formatDate(changed.since), fragment: diffToHtmlFragment(changed.diff) };
    const logo = doc.meta.branding?.logo;
    if (logo) {
      const ext = extname(logo).toLowerCase();
      school.logo = { source: join(root, logo), fileName: `logo${ext}`, mediaType: MEDIA_TYPES[ext] ?? 'application/octet-stream' };
    }
    schools.push(school);
  }
  schools.sort(bySchoolName);
  return { root, base, today, schools, diagnostics: project.diagnostics, sources: project.sources };
}
