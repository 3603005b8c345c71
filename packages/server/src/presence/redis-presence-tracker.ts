import type { Redis } from 'ioredis';
import type { PresenceTracker } from './presence-tracker.js';

/*
 * Each node owns one hash of its own per-account socket counts, `<prefix>node:<nodeId>`, and
 * the set `<prefix>nodes` names the nodes that may have one. The hash carries a TTL that the
 * node's heartbeat renews by rewriting it from the node's local counts, so a node that dies
 * without disconnecting takes its counts with it once the TTL runs out: nothing to reap, and
 * a contact cannot stay online forever. An account is online when any node's hash counts it.
 *
 * The scripts read node hashes they are not given as KEYS: this needs one Redis, not a
 * Cluster (the bus already does).
 */

// KEYS: nodes set, own hash. ARGV: account, own count, ttl ms, own node id, node key prefix.
// Returns 1 when another live node counts the account. Forgets nodes whose hash expired.
const SET_COUNT = `
if tonumber(ARGV[2]) > 0 then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
  redis.call('SADD', KEYS[1], ARGV[4])
else
  redis.call('HDEL', KEYS[2], ARGV[1])
end
local elsewhere = 0
for _, node in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if node ~= ARGV[4] then
    local key = ARGV[5] .. node
    if redis.call('EXISTS', key) == 0 then
      redis.call('SREM', KEYS[1], node)
    elseif tonumber(redis.call('HGET', key, ARGV[1]) or '0') > 0 then
      elsewhere = 1
    end
  end
end
return elsewhere
`;

// KEYS: nodes set. ARGV: account, node key prefix.
const ONLINE_ANYWHERE = `
for _, node in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if tonumber(redis.call('HGET', ARGV[2] .. node, ARGV[1]) or '0') > 0 then return 1 end
end
return 0
`;

export interface RedisPresenceOptions {
  /** Unique among the nodes sharing this Redis. */
  nodeId: string;
  /** How long a node's counts outlive its last heartbeat; the heartbeat runs every third. */
  ttlMs: number;
  prefix?: string;
  /** A failed heartbeat or leave; the TTL and the next beat repair both: only worth logging. */
  onError?: (err: unknown) => void;
}

export class RedisPresenceTracker implements PresenceTracker {
  /** This node's sockets per account: the truth the heartbeat writes back. */
  private readonly counts = new Map<string, number>();
  private readonly nodesKey: string;
  private readonly nodePrefix: string;
  private readonly ownKey: string;
  private timer: NodeJS.Timeout | null = null;
  private beating: Promise<void> | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisPresenceOptions,
  ) {
    const prefix = options.prefix ?? 'kidtalk:presence:';
    this.nodesKey = `${prefix}nodes`;
    this.nodePrefix = `${prefix}node:`;
    this.ownKey = this.nodePrefix + options.nodeId;
  }

  /** Clears what an earlier process with this node id left, then keeps the hash alive. */
  start(): void {
    this.beat();
    this.timer = setInterval(() => this.beat(), Math.max(1, Math.floor(this.options.ttlMs / 3)));
    this.timer.unref();
  }

  /** Stops the heartbeat only: to the other nodes this node now looks dead. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.beating;
  }

  /** Leaves cleanly: this node's counts are gone at once instead of after the TTL. */
  async close(): Promise<void> {
    await this.stop();
    this.counts.clear();
    // Without Redis now, the TTL still clears them: not a reason to fail a shutdown.
    await this.redis.del(this.ownKey).catch((err: unknown) => this.options.onError?.(err));
  }

  async connected(accountId: string): Promise<boolean> {
    const n = (this.counts.get(accountId) ?? 0) + 1;
    this.counts.set(accountId, n);
    const elsewhere = await this.setCount(accountId, n);
    return n === 1 && !elsewhere;
  }

  async disconnected(accountId: string): Promise<boolean> {
    const n = Math.max(0, (this.counts.get(accountId) ?? 0) - 1);
    if (n === 0) this.counts.delete(accountId);
    else this.counts.set(accountId, n);
    const elsewhere = await this.setCount(accountId, n);
    return n === 0 && !elsewhere;
  }

  async isOnline(accountId: string): Promise<boolean> {
    if ((this.counts.get(accountId) ?? 0) > 0) return true;
    const hit = await this.redis.eval(
      ONLINE_ANYWHERE,
      1,
      this.nodesKey,
      accountId,
      this.nodePrefix,
    );
    return hit === 1;
  }

  // The local count is updated before the command is sent, and one connection runs commands
  // in order, so a heartbeat's rewrite never undoes a newer count.
  private async setCount(accountId: string, n: number): Promise<boolean> {
    const elsewhere = await this.redis.eval(
      SET_COUNT,
      2,
      this.nodesKey,
      this.ownKey,
      accountId,
      String(n),
      String(this.options.ttlMs),
      this.options.nodeId,
      this.nodePrefix,
    );
    return elsewhere === 1;
  }

  private beat(): void {
    if (this.beating) return;
    const tx = this.redis.multi().del(this.ownKey);
    if (this.counts.size > 0) {
      tx.hset(this.ownKey, Object.fromEntries(this.counts));
      tx.pexpire(this.ownKey, this.options.ttlMs);
      tx.sadd(this.nodesKey, this.options.nodeId);
    }
    this.beating = tx
      .exec()
      .then(() => undefined)
      .catch((err: unknown) => this.options.onError?.(err))
      .finally(() => (this.beating = null));
  }
}
