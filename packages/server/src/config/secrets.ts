import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ServerConfig } from './config.js';
import { ConfigError } from './config.js';
import type { ServerEnvironment } from './env.js';

/** Step three: key material, kept apart from config so it is never logged with it. */
export interface ServerSecrets {
  /** HMAC key for one-time codes, link codes and phone rate-limit keys at rest. */
  otpKey: Buffer;
  /** HMAC key for session and elevation token hashes. */
  tokenKey: Buffer;
  smsHttpToken: string | null;
}

interface SecretsFile {
  otpKey: string;
  tokenKey: string;
}

/**
 * Keys come from the environment in production. For `npm start` on a fresh clone they are
 * generated once into a 0600 file under the data directory, so restarts keep sessions valid.
 */
export function loadSecrets(env: ServerEnvironment, config: ServerConfig): ServerSecrets {
  let fromFile: SecretsFile | null = null;
  const need = !env.otpKey || !env.tokenKey;
  if (need) fromFile = readOrCreate(config.secretsFile);
  return {
    otpKey: decodeKey(env.otpKey ?? fromFile!.otpKey, 'KIDTALK_OTP_KEY'),
    tokenKey: decodeKey(env.tokenKey ?? fromFile!.tokenKey, 'KIDTALK_TOKEN_KEY'),
    smsHttpToken: env.smsHttpToken ?? null,
  };
}

function readOrCreate(file: string): SecretsFile {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SecretsFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const fresh: SecretsFile = {
    otpKey: randomBytes(32).toString('base64'),
    tokenKey: randomBytes(32).toString('base64'),
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(fresh), { mode: 0o600, flag: 'wx' });
  return fresh;
}

function decodeKey(b64: string, name: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length < 32) throw new ConfigError(`${name} must be at least 32 bytes, base64`);
  return key;
}
