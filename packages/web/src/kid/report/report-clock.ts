const DAY_MS = 24 * 60 * 60 * 1000;

export interface Clock {
  /** Whole days until the due time, rounded up: due later today counts as 1; 0 once passed. */
  daysLeft: number;
  overdue: boolean;
}

/**
 * The 15-day clock of a report (P27), or the 15-working-day one of a support request (P33), as a
 * child reads it. The due time comes from the server; only the counting happens here.
 */
export function dueClock(dueAt: number, now: number): Clock {
  const left = dueAt - now;
  return { daysLeft: left <= 0 ? 0 : Math.ceil(left / DAY_MS), overdue: left < 0 };
}

export function formatDate(ms: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(ms);
}

export function formatDateTime(ms: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}
