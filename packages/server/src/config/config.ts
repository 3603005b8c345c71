import path from 'node:path';
import { MAX_CONVERSATION_MEMBERS } from '@kidtalk/protocol';
import type { CountryCode } from 'libphonenumber-js';
import { isSupportedCountry } from 'libphonenumber-js';
import type { ServerEnvironment } from './env.js';

/** Step two: a typed, validated configuration with every default in one place. */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'pg'; url: string };
  redisUrl: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  publicUrl: string;
  trustProxy: boolean;
  devEndpoints: boolean;
  sms: { provider: 'dev' } | { provider: 'http'; url: string };
  defaultRegion: CountryCode;
  policyVersion: string;
  /** log2 of scrypt's N for PIN hashes; 15 is ~50 ms and 32 MiB per check on this hardware. */
  pinScryptCost: number;
  bodyLimitBytes: number;
  avatarMaxBytes: number;
  /** The largest encrypted attachment; at most what @kidtalk/crypto can produce (25 MiB). */
  attachmentMaxBytes: number;
  secretsFile: string;
  retentionIntervalMs: number;
  /** Browser origins allowed to open the WebSocket; native clients send no Origin. */
  allowedOrigins: string[];
  /** P4: undelivered messages and attachments are dropped after this long (default 15 days). */
  undeliveredRetentionMs: number;
  /**
   * KeyPackage claims per hour: accounts one claimer may list in all (at least one full group),
   * and claims of one target account by one claimer, which bounds how fast a contact can drain
   * that account's single-use packages.
   */
  keyPackageClaims: { perAccount: number; perPair: number };
  /**
   * With Redis, how long a node's presence outlives its last heartbeat: the longest a node that
   * died keeps its accounts "online" before another node tells their contacts otherwise.
   */
  presenceTtlMs: number;
  /** SQLite only: checkpoint the WAL on a thread of its own (default) or inside commits. */
  sqliteCheckpoints: 'background' | 'inline';
  /**
   * Linux: the nice value every thread but the event loop's runs at (0 leaves them alone), so
   * that on a node with few cores, compilation and GC helpers wait for the loop, not the
   * reverse (runtime/background-threads.ts).
   */
  backgroundNice: number;
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function buildConfig(env: ServerEnvironment): ServerConfig {
  const port = parseIntStrict(env.port ?? '8080', 'KIDTALK_PORT', 0, 65535);
  const host = env.host ?? 'localhost';
  const dataDir = path.resolve(env.dataDir ?? './data');
  const logLevel = (env.logLevel ?? 'info') as ServerConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`KIDTALK_LOG_LEVEL: ${logLevel}`);
  const region = (env.defaultRegion ?? 'CN').toUpperCase();
  if (!isSupportedCountry(region)) throw new ConfigError(`KIDTALK_DEFAULT_REGION: ${region}`);
  const smsProvider = env.smsProvider ?? 'dev';
  let sms: ServerConfig['sms'];
  if (smsProvider === 'dev') sms = { provider: 'dev' };
  else if (smsProvider === 'http') {
    if (!env.smsHttpUrl) throw new ConfigError('KIDTALK_SMS_HTTP_URL is required for http SMS');
    sms = { provider: 'http', url: env.smsHttpUrl };
  } else throw new ConfigError(`KIDTALK_SMS_PROVIDER: ${smsProvider}`);
  return {
    port,
    host,
    dataDir,
    database: parseDatabaseUrl(env.databaseUrl, dataDir),
    redisUrl: env.redisUrl || null,
    logLevel,
    publicUrl: env.publicUrl ?? `http://localhost:${port}`,
    trustProxy: parseBool(env.trustProxy, false, 'KIDTALK_TRUST_PROXY'),
    devEndpoints: parseBool(env.devEndpoints, false, 'KIDTALK_DEV_ENDPOINTS'),
    sms,
    defaultRegion: region,
    policyVersion: env.policyVersion ?? '2026-11-01',
    pinScryptCost: parseIntStrict(env.pinScryptCost ?? '15', 'KIDTALK_PIN_SCRYPT_COST', 10, 20),
    bodyLimitBytes: 64 * 1024,
    avatarMaxBytes: 512 * 1024,
    attachmentMaxBytes:
      parseIntStrict(env.attachmentMaxMb ?? '25', 'KIDTALK_ATTACHMENT_MAX_MB', 1, 25) * 1024 * 1024,
    retentionIntervalMs: 60_000,
    allowedOrigins: (
      env.allowedOrigins ??
      [
        `http://localhost:${port}`,
        `http://127.0.0.1:${port}`,
        ...(env.publicUrl ? [new URL(env.publicUrl).origin] : []),
      ].join(',')
    )
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    undeliveredRetentionMs:
      parseIntStrict(
        env.undeliveredRetentionDays ?? '15',
        'KIDTALK_UNDELIVERED_RETENTION_DAYS',
        1,
        365,
      ) * 86_400_000,
    keyPackageClaims: {
      perAccount: parseIntStrict(
        env.keyPackageClaimsPerHour ?? '300',
        'KIDTALK_KEY_PACKAGE_CLAIMS_PER_HOUR',
        MAX_CONVERSATION_MEMBERS,
        100_000,
      ),
      perPair: parseIntStrict(
        env.keyPackageClaimsPerPairPerHour ?? '10',
        'KIDTALK_KEY_PACKAGE_CLAIMS_PER_PAIR_PER_HOUR',
        1,
        1000,
      ),
    },
    presenceTtlMs:
      parseIntStrict(env.presenceTtlSec ?? '30', 'KIDTALK_PRESENCE_TTL_SEC', 1, 600) * 1000,
    sqliteCheckpoints: parseChoice(
      env.sqliteCheckpoints ?? 'background',
      'KIDTALK_SQLITE_CHECKPOINTS',
      ['background', 'inline'] as const,
    ),
    backgroundNice: parseIntStrict(env.backgroundNice ?? '19', 'KIDTALK_BACKGROUND_NICE', 0, 19),
    secretsFile: path.resolve(env.secretsFile ?? path.join(dataDir, 'secrets.json')),
  };
}

function parseChoice<T extends string>(value: string, name: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) {
    throw new ConfigError(`${name}: ${value} (one of ${choices.join(', ')})`);
  }
  return value as T;
}

function parseDatabaseUrl(url: string | undefined, dataDir: string): ServerConfig['database'] {
  if (!url) return { kind: 'sqlite', file: path.join(dataDir, 'kidtalk.sqlite') };
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { kind: 'pg', url };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    return { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  throw new ConfigError('DATABASE_URL must start with sqlite: or postgres://');
}

function parseIntStrict(raw: string, name: string, min: number, max: number): number {
  // Number('') is 0: a variable set to nothing must not silently mean port 0 or "off".
  const n = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name}: ${raw}`);
  return n;
}

function parseBool(raw: string | undefined, fallback: boolean, name: string): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name}: ${raw}`);
}
