import type { Migration, MigrationProvider } from 'kysely';
import type { Dialect } from '../database.js';
import * as m001 from './001-initial.js';
import * as m002 from './002-realtime.js';
import * as m003 from './003-friend-request-pending-unique.js';
import * as m004 from './004-sent-messages-time-ordered.js';
import * as m005 from './005-consent-evidence.js';

const all = {
  '001-initial': m001,
  '002-realtime': m002,
  '003-friend-request-pending-unique': m003,
  '004-sent-messages-time-ordered': m004,
  '005-consent-evidence': m005,
};

export class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(
      Object.entries(all).map(([name, m]) => [name, { up: (db) => m.up(db, this.dialect) }]),
    );
  }
}
