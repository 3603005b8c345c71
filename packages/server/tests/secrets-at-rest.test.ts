import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { createChild, elevate, latestCode, linkChildDevice, signUpAdult } from './support/flows.js';
import type { Harness } from './support/harness.js';
import { startHarness, TEST_DEVICE } from './support/harness.js';

const DIALECTS = await testDialects();

/** Every value of every row of every table, as text, so a scan can look for secrets. */
async function dumpDatabase(h: Harness): Promise<string> {
  const tables = await h.ctx.db.db.introspection.getTables();
  const parts: string[] = [];
  for (const t of tables) {
    const rows = await sql`select * from ${sql.table(t.name)}`.execute(h.ctx.db.db);
    parts.push(
      JSON.stringify(rows.rows, (_k, v) =>
        v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v,
      ),
    );
  }
  return parts.join('\n');
}

describe.each(DIALECTS)('no secret at rest or in logs on %s', (dialect) => {
  let h: Harness;
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    h = await startHarness(dialect, { KIDTALK_DEV_ENDPOINTS: 'true' });
    const mum = await signUpAdult(h, 'Mum');
    secrets.signInCode = await latestCode(h, mum.phone);
    secrets.adultToken = mum.token;
    const child = await createChild(h, mum, {}, '7316');
    secrets.pin = child.pin;
    const link = await h.request({
      method: 'POST',
      url: `/v1/children/${child.id}/link-codes`,
      token: mum.token,
    });
    secrets.linkCode = link.json().code;
    const linked = await h.request({
      method: 'POST',
      url: '/v1/auth/link',
      body: { code: secrets.linkCode, device: TEST_DEVICE },
    });
    const childToken: string = linked.json().token;
    secrets.childToken = childToken;
    secrets.elevation = await elevate(h, childToken, child, 'profile.update');
    await linkChildDevice(h, mum, child);
    // A wrong PIN and a wrong code are secrets too: they are guesses at the real ones.
    await h.request({
      method: 'POST',
      url: `/v1/children/${child.id}/pin/check`,
      token: childToken,
      body: { pin: '5093', action: 'profile.update' },
    });
    secrets.phone = mum.phone;
    await h.request({
      method: 'GET',
      url: `/v1/dev/sms-outbox?phone=${encodeURIComponent(mum.phone)}`,
    });
  });
  afterAll(() => h.close());

  it('stores no PIN, one-time code, link code or token in any table', async () => {
    const dump = await dumpDatabase(h);
    expect(dump.length).toBeGreaterThan(1000);
    for (const key of ['signInCode', 'adultToken', 'childToken', 'linkCode', 'elevation']) {
      expect(dump, key).not.toContain(secrets[key]!);
    }
    // A 4-digit PIN appears by chance inside random strings; look for it as a whole value.
    expect(dump).not.toMatch(new RegExp(`"${secrets.pin}"`));
  });

  it('logs no phone number, PIN, code or token', async () => {
    const logs = h.logs.join('');
    expect(h.logs.length).toBeGreaterThan(20);
    for (const key of [
      'signInCode',
      'adultToken',
      'childToken',
      'linkCode',
      'elevation',
      'phone',
    ]) {
      expect(logs, key).not.toContain(secrets[key]!);
    }
    expect(logs).not.toContain(secrets.phone!.slice(3));
    expect(logs).not.toContain(encodeURIComponent(secrets.phone!));
  });

  it('keeps the generated server keys in a file only its owner can read', () => {
    const file = path.join(h.dataDir, 'secrets.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('otpKey');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
