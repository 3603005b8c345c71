import { describe, expect, it } from 'vitest';
import { set } from './client-store.js';
import { MemoryStore } from './memory-store.js';
import { StoreFence } from './store-fence.js';

describe('StoreFence', () => {
  it('lets a lease write until the leases are voided, then refuses its writes and a new key', async () => {
    const store = new MemoryStore();
    const fence = new StoreFence(store);
    const old = fence.lease();
    await old.write([set('a', 1)]);
    expect(await store.get('a')).toBe(1);

    fence.voidLeases();
    await store.clear();
    await expect(old.write([set('b', 2)])).rejects.toMatchObject({ code: 'SESSION_ENDED' });
    await expect(old.storageKey()).rejects.toMatchObject({ code: 'SESSION_ENDED' });
    expect(await store.keys('')).toEqual([]);

    const next = fence.lease();
    await next.write([set('c', 3)]);
    // An old lease does not see the next session's records.
    expect(await old.get('c')).toBeUndefined();
    expect(await old.keys('')).toEqual([]);
    expect(await old.list('l')).toEqual([]);
    expect(await next.get('c')).toBe(3);
    expect(await store.keys('')).toEqual(['c']);
  });

  it('renews a lease only once it was voided', async () => {
    const fence = new StoreFence(new MemoryStore());
    const lease = fence.lease();
    expect(fence.renew(lease)).toBe(lease);
    fence.voidLeases();
    const next = fence.renew(lease);
    expect(next).not.toBe(lease);
    await next.write([set('k', 1)]);
    expect(await next.get('k')).toBe(1);
  });

  it('clearing through a lease voids every lease, itself included', async () => {
    const store = new MemoryStore();
    const fence = new StoreFence(store);
    const one = fence.lease();
    const two = fence.lease();
    await two.write([set('x', 'y')]);
    await one.clear();
    expect(await store.get('x')).toBeUndefined();
    await expect(two.write([set('x', 'z')])).rejects.toMatchObject({ code: 'SESSION_ENDED' });
    await expect(one.write([set('x', 'z')])).rejects.toMatchObject({ code: 'SESSION_ENDED' });
    await fence.lease().write([set('x', 'w')]);
    expect(await store.get('x')).toBe('w');
  });
});
