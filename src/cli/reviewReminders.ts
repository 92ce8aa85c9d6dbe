// Review-date reminders for `check`: due within 60 days is a warning; overdue a warning, or an error with --strict.

import type { Diagnostic } from '../diagnostics/index.ts';
import type { Project } from '../project/loadProject.ts';
import { formatDate } from '../render/format.ts';
import { locate } from '../validate/toDiagnostics.ts';
import { DUE_SOON_DAYS, reviewStatus } from '../tree/reviewStatus.ts';

export function reviewReminders(project: Project, today: string, strict: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const school of project.schools) {
    const next = school.data.review.next_review;
    const status = reviewStatus(next, today);
    if (status.state === 'in-date') continue;
    const at = locate(school.locator, ['review', 'next_review']);
    out.push(
      status.state === 'overdue'
        ? { code: 'REVIEW_OVERDUE', severity: strict ? 'error' : 'warning', message: `${school.data.school.name}'s policy was due for review by ${formatDate(next)} (${-status.daysLeft} days ago)`, hint: 'review the policy, then set `review.last_reviewed` to today and `review.next_review` to the next date', ...at }
        : { code: 'REVIEW_DUE_SOON', severity: 'warning', message: `${school.data.school.name}'s policy is due for review within ${DUE_SOON_DAYS} days (by ${formatDate(next)}, ${status.daysLeft} days from now)`, hint: 'plan the review for the next governors’ meeting', ...at },
    );
  }
  return out;
}
