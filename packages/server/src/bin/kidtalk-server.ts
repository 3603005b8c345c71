import { buildConfig } from '../config/config.js';
import { readEnv } from '../config/env.js';
import { loadSecrets } from '../config/secrets.js';
import { createLogger } from '../logger.js';
import { keepBackgroundThreadsLow } from '../runtime/background-threads.js';
import { SHUTDOWN_DEADLINE_MS, startServer } from '../server.js';

const env = readEnv();
const config = buildConfig(env);
const secrets = await loadSecrets(env, config);
const logger = createLogger(config);

const server = await startServer(config, secrets, logger);
// The process's threads are the process's business, not a server instance's (tests run many).
keepBackgroundThreadsLow(config.backgroundNice);
logger.info(
  {
    url: server.url,
    db: config.database.kind,
    redis: config.redisUrl !== null,
    sms: config.sms.provider,
    backgroundNice: config.backgroundNice,
  },
  'KidTalk is listening',
);

async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, 'shutting down');
  // A hung request must not keep a stopping node alive forever.
  const deadline = setTimeout(() => {
    logger.error('shutdown deadline passed, exiting');
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS);
  deadline.unref();
  try {
    await server.stop();
    process.exit(0);
  } catch (err) {
    logger.error({ err }, 'shutdown failed');
    process.exit(1);
  }
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
