import { describe, expect, it } from 'vitest';
import { dueClock } from './report-clock.js';

const DAY = 24 * 60 * 60 * 1000;

describe('the 15-day clock', () => {
  const created = Date.UTC(2026, 10, 1, 9, 30);
  const due = created + 15 * DAY;

  it('counts 15 days left when the report was just made', () => {
    expect(dueClock(due, created)).toEqual({ daysLeft: 15, overdue: false });
  });

  it('rounds part of a day up, so the last day still shows 1', () => {
    expect(dueClock(due, created + 1)).toEqual({ daysLeft: 15, overdue: false });
    expect(dueClock(due, due - 1)).toEqual({ daysLeft: 1, overdue: false });
    expect(dueClock(due, due - DAY - 1)).toEqual({ daysLeft: 2, overdue: false });
  });

  it('shows 0 at the due time and overdue after it, never negative', () => {
    expect(dueClock(due, due)).toEqual({ daysLeft: 0, overdue: false });
    expect(dueClock(due, due + 3 * DAY)).toEqual({ daysLeft: 0, overdue: true });
  });
});
