// Whether a policy's review is in date, due soon or overdue, in words (never colour alone).

export const DUE_SOON_DAYS = 60;

export type ReviewState = 'in-date' | 'due-soon' | 'overdue';

export interface ReviewStatus {
  state: ReviewState;
  /** What to show: "In date", "Due within 60 days", "Overdue". */
  label: string;
  /** Days from today to the last day the review is due (negative once overdue). */
  daysLeft: number;
}

const LABELS: Record<ReviewState, string> = { 'in-date': 'In date', 'due-soon': `Due within ${DUE_SOON_DAYS} days`, overdue: 'Overdue' };

/**
 * `nextReview` is YYYY-MM or YYYY-MM-DD; a month-only date is due by the end of that
 * month ("next review: September 2024" is not overdue on 15 September 2024).
 * `today` is YYYY-MM-DD (the World's today, so SOURCE_DATE_EPOCH pins it).
 */
export function reviewStatus(nextReview: string, today: string): ReviewStatus {
  const [year, month, day] = nextReview.split('-').map(Number) as [number, number, number | undefined];
  const due = Date.UTC(year, day ? month - 1 : month, day ?? 0);
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const daysLeft = Math.round((due - Date.UTC(ty, tm - 1, td)) / 86_400_000);
  const state: ReviewState = daysLeft < 0 ? 'overdue' : daysLeft <= DUE_SOON_DAYS ? 'due-soon' : 'in-date';
  return { state, label: LABELS[state], daysLeft };
}
