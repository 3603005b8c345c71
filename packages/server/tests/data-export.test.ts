import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_EXCLUDED, EXPORT_PLAN } from '../src/services/data-export-plan.js';
import type { BusyFamily } from './support/busy-family.js';
import { busyFamily } from './support/busy-family.js';
import { testDialects } from './support/databases.js';
import { loadInventory } from './support/inventory.js';
import type { LiveServer } from './support/live-server.js';
import { startLiveServer } from './support/live-server.js';

/**
 * P24: a guardian downloads everything held about their child; an adult their own data.
 * The plan is checked against docs/data-inventory.json (every table with personal data is
 * exported column by column, or left out for a stated reason), and the export of a child with
 * data in nearly every table is checked against the live database.
 */
const DIALECTS = await testDialects();

describe('the export plan against the data inventory (P24, P32)', () => {
  const inventory = loadInventory();

  it('covers every column of every table that holds personal data, or says why not', () => {
    const problems: string[] = [];
    for (const [table, entry] of Object.entries(inventory.tables)) {
      const personal = Object.values(entry.columns).some((c) => c.personal);
      if (!personal || table in EXPORT_EXCLUDED) continue;
      const plans = EXPORT_PLAN.filter((p) => p.table === table);
      if (plans.length === 0) {
        problems.push(`table ${table} holds personal data and is not in the export`);
        continue;
      }
      for (const column of Object.keys(entry.columns)) {
        const covered = plans.some(
          (p) => p.columns.includes(column) || (p.omitted && column in p.omitted),
        );
        if (!covered) problems.push(`column ${table}.${column} is neither exported nor omitted`);
      }
    }
    for (const p of EXPORT_PLAN) {
      const entry = inventory.tables[p.table];
      if (!entry) {
        problems.push(`export names table ${p.table}, which the inventory does not have`);
        continue;
      }
      for (const c of [...p.columns, ...Object.keys(p.omitted ?? {}), ...(p.match ?? [])]) {
        if (!(c in entry.columns)) problems.push(`export names unknown column ${p.table}.${c}`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('would notice a new table with personal data', () => {
    const inv = loadInventory();
    inv.tables.pets = {
      purpose: 'x',
      retention: 'y',
      columns: { owner_id: { purpose: 'owner', personal: true, retention: 'row' } },
    };
    const missing = Object.entries(inv.tables).filter(
      ([t, e]) =>
        Object.values(e.columns).some((c) => c.personal) &&
        !(t in EXPORT_EXCLUDED) &&
        !EXPORT_PLAN.some((p) => p.table === t),
    );
    expect(missing.map(([t]) => t)).toEqual(['pets']);
  });
});

describe.each(DIALECTS)('data export on %s (P24)', (dialect) => {
  let h: LiveServer;
  let f: BusyFamily;

  beforeAll(async () => {
    h = await startLiveServer(dialect);
    f = await busyFamily(h);
  });
  afterAll(async () => {
    for (const c of f?.chats ?? []) c.close();
    await h.close();
  });

  const exportChild = (token: string, childId = f.child.id) =>
    h.request({ method: 'GET', url: `/v1/children/${childId}/export`, token });

  /** Every table with a row that names the account or one of its devices. */
  async function tablesMentioning(ids: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const t of await h.ctx.db.db.introspection.getTables()) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(t.name)}`.execute(
        h.ctx.db.db,
      );
      if (rows.rows.some((r) => Object.values(r).some((v) => ids.includes(v as string)))) {
        out.add(t.name);
      }
    }
    return out;
  }

  it('gives a guardian every table that holds the child’s data, and no secret', async () => {
    const res = await exportChild(f.mum.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const doc = res.json();
    expect(doc).toMatchObject({ format: 'kidtalk-export-v1', accountId: f.child.id });
    const s = doc.sections as Record<string, Record<string, unknown>[]>;

    const devices = (
      await h.ctx.db.db
        .selectFrom('devices')
        .select('id')
        .where('account_id', '=', f.child.id)
        .execute()
    ).map((d) => d.id);
    const missing: string[] = [];
    for (const table of await tablesMentioning([f.child.id, ...devices])) {
      if (table in EXPORT_EXCLUDED) continue;
      const rows = EXPORT_PLAN.filter((p) => p.table === table).flatMap((p) => s[p.section] ?? []);
      if (rows.length === 0) missing.push(table);
    }
    expect(missing, `tables with the child's data missing from the export`).toEqual([]);

    expect(s.account).toEqual([
      expect.objectContaining({ id: f.child.id, display_name: 'Xiao Ming', country: 'CN' }),
    ]);
    expect(s.guardianships!.map((g) => g.guardian_id).sort()).toEqual(
      [f.mum.accountId, f.dad.accountId].sort(),
    );
    expect(s.consents!.length).toBeGreaterThan(0);
    expect(s.devices).toHaveLength(devices.length);
    expect(s.sessions!.every((x) => !('token_hash' in x))).toBe(true);
    expect(s.parental_pin!.every((x) => !('pin_hash' in x))).toBe(true);
    expect(s.reports_made).toEqual([
      expect.objectContaining({ reported_id: f.carol.accountId, category: 'bullying' }),
    ]);
    // The child learns it was reported, never by whom or with what.
    expect(s.reports_received).toEqual([expect.objectContaining({ category: 'spam' })]);
    expect(s.reports_received![0]).not.toHaveProperty('reporter_id');
    expect(s.reports_received![0]).not.toHaveProperty('evidence');
    expect(s.support_requests).toEqual([
      expect.objectContaining({ body: 'how do I change my avatar?', status: 'open' }),
    ]);
    expect(s.messages_sent_waiting!.length).toBeGreaterThan(0);
    expect(s.messages_received_waiting!.length).toBeGreaterThan(0);
    expect(s.interaction_counts!.length).toBeGreaterThan(0);
    expect(s.files).toEqual([expect.objectContaining({ id: f.attachmentId, kind: 'attachment' })]);

    // No secret and no ciphertext, whatever its column.
    const text = res.body;
    expect(text).not.toContain(f.kid.token);
    const secrets = [
      ...(await h.ctx.db.db.selectFrom('sessions').select('token_hash as v').execute()),
      ...(await h.ctx.db.db.selectFrom('parental_pins').select('pin_hash as v').execute()),
      ...(await h.ctx.db.db.selectFrom('elevation_tokens').select('token_hash as v').execute()),
      ...(await h.ctx.db.db.selectFrom('otp_challenges').select('code_hash as v').execute()),
      ...(await h.ctx.db.db.selectFrom('mailbox_entries').select('body as v').execute()),
      ...(await h.ctx.db.db.selectFrom('key_packages').select('data as v').execute()),
    ].map((r) => r.v);
    expect(secrets.length).toBeGreaterThan(5);
    for (const v of secrets) expect(text.includes(v)).toBe(false);
  });

  it('answers everyone but the child’s guardians with the missing child’s 404', async () => {
    expect((await exportChild(f.dad.token)).statusCode).toBe(200);
    const missing = await exportChild(f.mum.token, 'nobody');
    expect(missing.statusCode).toBe(404);
    for (const token of [f.bob.token, f.kid.token]) {
      const res = await exportChild(token);
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(missing.body);
    }
  });

  it('gives an adult their own data, and a child session none', async () => {
    const res = await h.request({ method: 'GET', url: '/v1/me/export', token: f.mum.token });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json().sections;
    expect(s.account).toEqual([
      expect.objectContaining({ id: f.mum.accountId, phone_e164: f.mum.phone }),
    ]);
    expect(s.guardianships).toEqual([expect.objectContaining({ child_id: f.child.id })]);
    expect(s.consents.length).toBeGreaterThan(0);
    const kid = await h.request({ method: 'GET', url: '/v1/me/export', token: f.kid.token });
    expect(kid.statusCode).toBe(403);
  });
});
