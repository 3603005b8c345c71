import type { DestinationStream, Logger } from 'pino';
import { pino } from 'pino';
import type { ServerConfig } from './config/config.js';

/**
 * Keys that may carry a phone number, code, PIN or token anywhere in a log object.
 * Redaction is the second line of defence: the first is not logging bodies at all.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-kidtalk-elevation"]',
  '*.phone',
  '*.code',
  '*.pin',
  '*.token',
  '*.elevationToken',
  'phone',
  'code',
  'pin',
  'token',
];

export function createLogger(
  config: Pick<ServerConfig, 'logLevel'>,
  dest?: DestinationStream,
): Logger {
  return pino(
    {
      level: config.logLevel,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'kidtalk' },
      serializers: {
        // Query strings can carry a phone number; paths never carry secrets by design.
        req: (req: { method?: string; url?: string; ip?: string }) => ({
          method: req.method,
          url: req.url?.split('?')[0],
          ip: req.ip,
        }),
      },
    },
    dest,
  );
}
