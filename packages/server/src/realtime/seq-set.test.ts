import { describe, expect, it } from 'vitest';
import { SeqSet } from './seq-set.js';

describe('SeqSet', () => {
  it('behaves as a Set of numbers through random adds and deletes, past its first capacity', () => {
    const set = new SeqSet(4);
    const model = new Set<number>();
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let step = 0; step < 20_000; step++) {
      const seq = next() % 40;
      if (next() % 3 === 0) expect(set.delete(seq)).toBe(model.delete(seq));
      else {
        set.add(seq);
        model.add(seq);
      }
      expect(set.size).toBe(model.size);
      const probe = next() % 40;
      expect(set.has(probe)).toBe(model.has(probe));
    }
    expect(model.size).toBeGreaterThan(4);
  });

  it('keeps large sequence numbers exact and adds each once', () => {
    const set = new SeqSet(1);
    const big = Number.MAX_SAFE_INTEGER;
    set.add(big);
    set.add(big);
    set.add(big - 1);
    expect(set.size).toBe(2);
    expect(set.has(big)).toBe(true);
    expect(set.delete(big)).toBe(true);
    expect(set.has(big)).toBe(false);
    expect(set.has(big - 1)).toBe(true);
  });
});
