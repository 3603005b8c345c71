/**
 * Step one of three: read the environment as raw strings, and nothing else.
 * Parsing and defaults live in config.ts; keys and tokens in secrets.ts.
 */
export interface ServerEnvironment {
  port?: string;
  host?: string;
  dataDir?: string;
  databaseUrl?: string;
  redisUrl?: string;
  logLevel?: string;
  publicUrl?: string;
  trustProxy?: string;
  devEndpoints?: string;
  smsProvider?: string;
  smsHttpUrl?: string;
  smsHttpToken?: string;
  defaultRegion?: string;
  policyVersion?: string;
  pinScryptCost?: string;
  otpKey?: string;
  tokenKey?: string;
  secretsFile?: string;
  allowedOrigins?: string;
  credentialPublicKey?: string;
  credentialPrivateKey?: string;
  frankingKey?: string;
  undeliveredRetentionDays?: string;
  attachmentMaxMb?: string;
  keyPackageClaimsPerHour?: string;
  keyPackageClaimsPerPairPerHour?: string;
  presenceTtlSec?: string;
  sqliteCheckpoints?: string;
  backgroundNice?: string;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): ServerEnvironment {
  return {
    port: env.KIDTALK_PORT,
    host: env.KIDTALK_HOST,
    dataDir: env.KIDTALK_DATA_DIR,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    logLevel: env.KIDTALK_LOG_LEVEL,
    publicUrl: env.KIDTALK_PUBLIC_URL,
    trustProxy: env.KIDTALK_TRUST_PROXY,
    devEndpoints: env.KIDTALK_DEV_ENDPOINTS,
    smsProvider: env.KIDTALK_SMS_PROVIDER,
    smsHttpUrl: env.KIDTALK_SMS_HTTP_URL,
    smsHttpToken: env.KIDTALK_SMS_HTTP_TOKEN,
    defaultRegion: env.KIDTALK_DEFAULT_REGION,
    policyVersion: env.KIDTALK_POLICY_VERSION,
    pinScryptCost: env.KIDTALK_PIN_SCRYPT_COST,
    otpKey: env.KIDTALK_OTP_KEY,
    tokenKey: env.KIDTALK_TOKEN_KEY,
    secretsFile: env.KIDTALK_SECRETS_FILE,
    allowedOrigins: env.KIDTALK_ALLOWED_ORIGINS,
    credentialPublicKey: env.KIDTALK_CREDENTIAL_PUBLIC_KEY,
    credentialPrivateKey: env.KIDTALK_CREDENTIAL_PRIVATE_KEY,
    frankingKey: env.KIDTALK_FRANKING_KEY,
    undeliveredRetentionDays: env.KIDTALK_UNDELIVERED_RETENTION_DAYS,
    attachmentMaxMb: env.KIDTALK_ATTACHMENT_MAX_MB,
    keyPackageClaimsPerHour: env.KIDTALK_KEY_PACKAGE_CLAIMS_PER_HOUR,
    presenceTtlSec: env.KIDTALK_PRESENCE_TTL_SEC,
    sqliteCheckpoints: env.KIDTALK_SQLITE_CHECKPOINTS,
    backgroundNice: env.KIDTALK_BACKGROUND_NICE,
    keyPackageClaimsPerPairPerHour: env.KIDTALK_KEY_PACKAGE_CLAIMS_PER_PAIR_PER_HOUR,
  };
}
