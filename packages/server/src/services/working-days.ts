import { DAY } from '../clock.js';

/**
 * `from` plus `days` working days (Monday to Friday, UTC calendar), at the same time of day.
 * A request made on a weekend starts counting on the Monday. Public holidays are not known to
 * the server, so a due date can only be early, never late (P33).
 */
export function addWorkingDays(from: number, days: number): number {
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError('days must be a whole number');
  let t = from;
  let left = days;
  while (left > 0) {
    t += DAY;
    if (!isWeekend(t)) left--;
  }
  return t;
}

export function isWeekend(t: number): boolean {
  const d = new Date(t).getUTCDay();
  return d === 0 || d === 6;
}
