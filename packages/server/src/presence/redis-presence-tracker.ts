import type { Redis } from 'ioredis';
import type { PresenceTracker } from './presence-tracker.js';

/*
 * Each node owns one hash of its own per-account socket counts, `<prefix>node:<nodeId>`, and
 * the set `<prefix>nodes` names the nodes that may have one. The hash carries a TTL that the
 * node's heartbeat renews by rewriting it from the node's local counts, so a node that dies
 * without disconnecting takes its counts with it once the TTL runs out, and a contact cannot
 * stay online forever. An account is online when any node's hash counts it.
 *
 * A dead node cannot tell anyone its accounts went offline, so each node also keeps a roster,
 * `<prefix>roster:<nodeId>`: the same hash with a longer TTL. The live nodes' heartbeats reap
 * a node whose counts expired while its roster outlives them, and report the roster's accounts
 * that no live node counts, for the contacts to hear "offline".
 *
 * The scripts read node hashes they are not given as KEYS: this needs one Redis, not a
 * Cluster (the bus already does).
 */

// KEYS: nodes set, own hash, own roster, TTLs hash. ARGV: account, own count, ttl ms, own
// node id, node key prefix, roster ttl ms. Returns 1 when another live node counts the account.
// Expired nodes stay in the set: the reaper needs them to find their rosters.
const SET_COUNT = `
if tonumber(ARGV[2]) > 0 then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
  redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
  redis.call('PEXPIRE', KEYS[3], ARGV[6])
  redis.call('SADD', KEYS[1], ARGV[4])
  redis.call('HSET', KEYS[4], ARGV[4], ARGV[3])
else
  redis.call('HDEL', KEYS[2], ARGV[1])
  redis.call('HDEL', KEYS[3], ARGV[1])
end
local elsewhere = 0
for _, node in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if node ~= ARGV[4] and tonumber(redis.call('HGET', ARGV[5] .. node, ARGV[1]) or '0') > 0 then
    elsewhere = 1
  end
end
return elsewhere
`;

// KEYS: nodes set, TTLs hash. ARGV: node key prefix, roster key prefix, own node id, roster
// TTLs per TTL, own ttl ms, shortest roster ttl ms. A node is dead when its counts expired and
// its roster was last written at least two thirds of its TTL ago: a live node rewrites both
// every third of its TTL, so a hash that merely went missing (Redis lost it) is not mistaken
// for a death. Each node is judged by the TTL it announced in the TTLs hash, so nodes need not
// share one. One script, so one reaper wins.
const REAP = `
local gone = {}
for _, node in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if node ~= ARGV[3] and redis.call('EXISTS', ARGV[1] .. node) == 0 then
    local roster = ARGV[2] .. node
    local ttl = tonumber(redis.call('HGET', KEYS[2], node) or ARGV[5])
    local left = redis.call('PTTL', roster)
    if left < math.max(tonumber(ARGV[4]) * ttl, tonumber(ARGV[6])) - 2 * ttl / 3 then
      redis.call('SREM', KEYS[1], node)
      redis.call('HDEL', KEYS[2], node)
      for _, account in ipairs(redis.call('HKEYS', roster)) do table.insert(gone, account) end
      redis.call('DEL', roster)
    end
  end
end
local offline = {}
local live = redis.call('SMEMBERS', KEYS[1])
for _, account in ipairs(gone) do
  local on = false
  for _, node in ipairs(live) do
    if tonumber(redis.call('HGET', ARGV[1] .. node, account) or '0') > 0 then on = true end
  end
  if not on then table.insert(offline, account) end
end
return offline
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

/**
 * How long a roster outlives its node's counts: long enough for a reaper to see it, whatever
 * the reaper's own TTL (it beats every third of it), so never under a few minutes.
 */
const ROSTER_TTLS = 4;
const ROSTER_MIN_MS = 5 * 60_000;

export class RedisPresenceTracker implements PresenceTracker {
  /** This node's sockets per account: the truth the heartbeat writes back. */
  private readonly counts = new Map<string, number>();
  private readonly nodesKey: string;
  /** Each node's TTL, by node id, so a reaper judges a node by its own. */
  private readonly ttlsKey: string;
  private readonly nodePrefix: string;
  private readonly ownKey: string;
  private readonly rosterPrefix: string;
  private readonly ownRoster: string;
  private readonly rosterTtlMs: number;
  /** Accounts whose only sockets were on a node that died; none is counted anywhere now. */
  onExpired: ((accountIds: string[]) => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private beating: Promise<void> | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisPresenceOptions,
  ) {
    const prefix = options.prefix ?? 'kidtalk:presence:';
    this.nodesKey = `${prefix}nodes`;
    this.ttlsKey = `${prefix}ttls`;
    this.nodePrefix = `${prefix}node:`;
    this.ownKey = this.nodePrefix + options.nodeId;
    this.rosterPrefix = `${prefix}roster:`;
    this.ownRoster = this.rosterPrefix + options.nodeId;
    this.rosterTtlMs = Math.max(ROSTER_TTLS * options.ttlMs, ROSTER_MIN_MS);
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
    await this.redis
      .multi()
      .del(this.ownKey, this.ownRoster)
      .hdel(this.ttlsKey, this.options.nodeId)
      .exec()
      .catch((err: unknown) => this.options.onError?.(err));
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
      4,
      this.nodesKey,
      this.ownKey,
      this.ownRoster,
      this.ttlsKey,
      accountId,
      String(n),
      String(this.options.ttlMs),
      this.options.nodeId,
      this.nodePrefix,
      String(this.rosterTtlMs),
    );
    return elsewhere === 1;
  }

  private beat(): void {
    if (this.beating) return;
    const tx = this.redis.multi().del(this.ownKey, this.ownRoster);
    if (this.counts.size > 0) {
      const counts = Object.fromEntries(this.counts);
      tx.hset(this.ownKey, counts);
      tx.pexpire(this.ownKey, this.options.ttlMs);
      tx.hset(this.ownRoster, counts);
      tx.pexpire(this.ownRoster, this.rosterTtlMs);
      tx.sadd(this.nodesKey, this.options.nodeId);
      tx.hset(this.ttlsKey, this.options.nodeId, String(this.options.ttlMs));
    }
    this.beating = tx
      .exec()
      .then(() => this.reap())
      .catch((err: unknown) => this.options.onError?.(err))
      .finally(() => (this.beating = null));
  }

  private async reap(): Promise<void> {
    const offline = (await this.redis.eval(
      REAP,
      2,
      this.nodesKey,
      this.ttlsKey,
      this.nodePrefix,
      this.rosterPrefix,
      this.options.nodeId,
      String(ROSTER_TTLS),
      String(this.options.ttlMs),
      String(ROSTER_MIN_MS),
    )) as string[];
    if (offline.length > 0) this.onExpired?.(offline);
  }
}
