import { randomUUID } from 'node:crypto';
import type { Compilable, CompiledQuery } from 'kysely';
import type { DbExecutor } from './database.js';

/** A value no caller passes: it marks where the i-th argument goes in the compiled query. */
const NONCE = `kidtalk-arg-${randomUUID()}:`;
const slot = (i: number) => NONCE + String(i);
const slotOf = (p: unknown) =>
  typeof p === 'string' && p.startsWith(NONCE) ? Number(p.slice(NONCE.length)) : -1;

interface Compiled<R> {
  query: CompiledQuery<R>;
  /** Per compiled parameter: the caller's argument index, or a constant of the query's own. */
  from: (number | { value: unknown })[];
}

/**
 * A query built and compiled once per database handle, then run with new argument values.
 * Kysely builds and compiles every query afresh, which a profile of WebSocket connects put at
 * a sixth of their CPU; the queries every connect and request runs (session by token, account
 * by ID) need it once. Only for queries whose SQL does not depend on the values: no `in`
 * lists, no optional clauses. A transaction's handle is new each time, so inside one it
 * compiles every time, as Kysely would.
 */
export function reusableQuery<A extends unknown[], R>(
  build: (db: DbExecutor, ...args: A) => Compilable<R>,
): (db: DbExecutor, ...args: A) => Promise<R[]> {
  const cache = new WeakMap<DbExecutor, Compiled<R>>();
  return async (db, ...args) => {
    let c = cache.get(db);
    if (!c) {
      const query = build(db, ...(args.map((_, i) => slot(i)) as A)).compile();
      const from = query.parameters.map((p) => {
        const i = slotOf(p);
        return i >= 0 ? i : { value: p };
      });
      const used = new Set(from.filter((f) => typeof f === 'number'));
      // A value that shaped the SQL instead of being bound would be silently lost.
      if (used.size !== args.length) throw new Error('reusableQuery: every argument must be bound');
      cache.set(db, (c = { query, from }));
    }
    const parameters = c.from.map((f) => (typeof f === 'number' ? args[f] : f.value));
    return (await db.executeQuery<R>({ ...c.query, parameters })).rows;
  };
}
