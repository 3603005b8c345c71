import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../clock.js';
import type { SmsProvider } from './sms-provider.js';

export interface OutboxMessage {
  to: string;
  text: string;
  sentAt: number;
}

/**
 * For development and tests: messages go to a JSON-lines file under the data directory
 * instead of a carrier. Never configure it in production; the file holds live codes.
 */
export class DevOutboxSmsProvider implements SmsProvider {
  readonly name = 'dev-outbox';
  constructor(
    readonly file: string,
    private readonly clock: Clock,
  ) {}

  async send(to: string, text: string): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const line: OutboxMessage = { to, text, sentAt: this.clock.now() };
    await appendFile(this.file, JSON.stringify(line) + '\n', { mode: 0o600 });
  }

  async read(to?: string): Promise<OutboxMessage[]> {
    let raw: string;
    try {
      raw = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    return raw
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as OutboxMessage)
      .filter((m) => to === undefined || m.to === to);
  }
}
