import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWeekend } from './working-days.js';

const at = (iso: string) => Date.parse(iso);

describe('addWorkingDays (P33)', () => {
  it('skips Saturdays and Sundays', () => {
    // Monday 2 Nov 2026 + 15 working days = three whole weeks later, Monday 23 Nov.
    expect(addWorkingDays(at('2026-11-02T09:30:00Z'), 15)).toBe(at('2026-11-23T09:30:00Z'));
    // Friday + 1 is the next Monday, not Saturday.
    expect(addWorkingDays(at('2026-11-06T17:00:00Z'), 1)).toBe(at('2026-11-09T17:00:00Z'));
    // Wednesday + 15 = Wednesday three weeks on.
    expect(addWorkingDays(at('2026-11-04T00:00:00Z'), 15)).toBe(at('2026-11-25T00:00:00Z'));
  });

  it('counts a weekend request from the Monday', () => {
    expect(addWorkingDays(at('2026-11-07T12:00:00Z'), 1)).toBe(at('2026-11-09T12:00:00Z'));
    expect(addWorkingDays(at('2026-11-08T12:00:00Z'), 15)).toBe(at('2026-11-27T12:00:00Z'));
  });

  it('never lands on a weekend, 19 to 21 calendar days out', () => {
    for (let day = 0; day < 14; day++) {
      const from = at('2026-11-02T08:00:00Z') + day * 86_400_000;
      const due = addWorkingDays(from, 15);
      expect(isWeekend(due)).toBe(false);
      expect(due - from).toBeGreaterThanOrEqual(19 * 86_400_000);
      expect(due - from).toBeLessThanOrEqual(21 * 86_400_000);
    }
  });

  it('refuses a negative or fractional count, and 0 is the same instant', () => {
    expect(() => addWorkingDays(0, -1)).toThrow(RangeError);
    expect(() => addWorkingDays(0, 1.5)).toThrow(RangeError);
    expect(addWorkingDays(12345, 0)).toBe(12345);
  });
});
