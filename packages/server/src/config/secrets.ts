import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ServerKeyPair } from '@kidtalk/crypto';
import { generateServerKeyPair } from '@kidtalk/crypto';
import type { ServerConfig } from './config.js';
import { ConfigError } from './config.js';
import type { ServerEnvironment } from './env.js';

/** Step three: key material, kept apart from config so it is never logged with it. */
export interface ServerSecrets {
  /** HMAC key for one-time codes, link codes and phone rate-limit keys at rest. */
  otpKey: Buffer;
  /** HMAC key for session and elevation token hashes. */
  tokenKey: Buffer;
  /** Ed25519 key that signs device credentials and the server's MLS remove proposals. */
  credentialKey: ServerKeyPair;
  /** HMAC key for franking countersignatures (P26). */
  frankingKey: Uint8Array;
  smsHttpToken: string | null;
}

interface SecretsFile {
  otpKey: string;
  tokenKey: string;
  credentialPublicKey?: string;
  credentialPrivateKey?: string;
  frankingKey?: string;
}

/**
 * Keys come from the environment in production. For `npm start` on a fresh clone they are
 * generated once into a 0600 file under the data directory, so restarts keep sessions valid.
 */
export async function loadSecrets(
  env: ServerEnvironment,
  config: ServerConfig,
): Promise<ServerSecrets> {
  const complete =
    env.otpKey &&
    env.tokenKey &&
    env.credentialPublicKey &&
    env.credentialPrivateKey &&
    env.frankingKey;
  const file = complete ? null : await readOrCreate(config.secretsFile);
  const pick = (fromEnv: string | undefined, fromFile: string | undefined, name: string) => {
    const v = fromEnv ?? fromFile;
    if (!v) throw new ConfigError(`${name} is missing`);
    return decodeKey(v, name);
  };
  return {
    otpKey: pick(env.otpKey, file?.otpKey, 'KIDTALK_OTP_KEY'),
    tokenKey: pick(env.tokenKey, file?.tokenKey, 'KIDTALK_TOKEN_KEY'),
    credentialKey: {
      publicKey: pick(
        env.credentialPublicKey,
        file?.credentialPublicKey,
        'KIDTALK_CREDENTIAL_PUBLIC_KEY',
      ),
      privateKey: pick(
        env.credentialPrivateKey,
        file?.credentialPrivateKey,
        'KIDTALK_CREDENTIAL_PRIVATE_KEY',
      ),
    },
    frankingKey: pick(env.frankingKey, file?.frankingKey, 'KIDTALK_FRANKING_KEY'),
    smsHttpToken: env.smsHttpToken ?? null,
  };
}

async function readOrCreate(file: string): Promise<SecretsFile> {
  let existing: SecretsFile | null = null;
  try {
    existing = JSON.parse(readFileSync(file, 'utf8')) as SecretsFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (existing?.credentialPrivateKey && existing.frankingKey) return existing;
  // Keys added by later versions are generated into an existing file; old keys are kept.
  const kp = await generateServerKeyPair();
  const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
  const fresh: SecretsFile = {
    otpKey: existing?.otpKey ?? b64(randomBytes(32)),
    tokenKey: existing?.tokenKey ?? b64(randomBytes(32)),
    credentialPublicKey: b64(kp.publicKey),
    credentialPrivateKey: b64(kp.privateKey),
    frankingKey: b64(randomBytes(32)),
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(fresh), { mode: 0o600, flag: existing ? 'w' : 'wx' });
  return fresh;
}

function decodeKey(b64: string, name: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length < 32) throw new ConfigError(`${name} must be at least 32 bytes, base64`);
  return key;
}
