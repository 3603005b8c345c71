import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay, DEFAULT_BACKOFF } from '../src/index.js';

describe('reconnect backoff', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([0, 1, 2, 3].map((a) => backoffCeiling(a))).toEqual([250, 500, 1000, 2000]);
    expect(backoffCeiling(7)).toBe(30_000); // 250·128 = 32 000 > cap
    expect(backoffCeiling(10_000)).toBe(30_000); // no overflow after very many failures
    expect(backoffCeiling(-3)).toBe(250);
  });

  it('is full jitter: anywhere in [0, ceiling), never at or above it', () => {
    for (const attempt of [0, 3, 8, 50]) {
      const ceiling = backoffCeiling(attempt);
      expect(backoffDelay(attempt, DEFAULT_BACKOFF, () => 0)).toBe(0);
      expect(backoffDelay(attempt, DEFAULT_BACKOFF, () => 0.999_999)).toBeLessThan(ceiling);
      expect(backoffDelay(attempt, DEFAULT_BACKOFF, () => 0.5)).toBe(Math.floor(ceiling / 2));
    }
  });

  it('spreads a crowd of clients instead of synchronizing them', () => {
    const delays = Array.from({ length: 1000 }, () => backoffDelay(6));
    const ceiling = backoffCeiling(6);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(ceiling);
    // Uniform: roughly half fall in each half, and many distinct values.
    const low = delays.filter((d) => d < ceiling / 2).length;
    expect(low).toBeGreaterThan(400);
    expect(low).toBeLessThan(600);
    expect(new Set(delays).size).toBeGreaterThan(500);
  });

  it('honours custom bounds', () => {
    const o = { baseMs: 20, capMs: 300 };
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffCeiling(a, o))).toEqual([
      20, 40, 80, 160, 300, 300,
    ]);
  });
});
