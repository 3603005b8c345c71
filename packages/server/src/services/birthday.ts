import { invalid } from '../errors.js';

/** The schema checks the shape; this checks it is a real day, not in the future. */
export function assertBirthday(value: string | null | undefined, now: number): void {
  if (value === null || value === undefined) return;
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw invalid('birthday is not a real date');
  }
  if (d.getTime() > now || d.getUTCFullYear() < 1900) throw invalid('birthday is out of range');
}
