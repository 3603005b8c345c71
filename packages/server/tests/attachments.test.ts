import { decryptAttachment, encryptAttachment } from '@kidtalk/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../src/clock.js';
import { buildConfig } from '../src/config/config.js';
import { ORPHAN_GRACE_MS } from '../src/jobs/blob-sweeper.js';
import { RetentionJob } from '../src/jobs/retention-job.js';
import { RETENTION_RULES } from '../src/jobs/retention-rules.js';
import { newId } from '../src/security/tokens.js';
import { RESERVATION_TTL_MS } from '../src/services/attachment-service.js';
import {
  blobRow,
  download,
  fetchRows,
  fileBytes,
  fileExists,
  insertConversation,
  reserve,
  share,
  signInAgain,
  upload,
} from './support/attachment-flows.js';
import { testDialects } from './support/databases.js';
import type { Adult } from './support/flows.js';
import { createChild, linkChildDevice, signUpAdult } from './support/flows.js';
import type { Harness } from './support/harness.js';
import { startHarness } from './support/harness.js';

const DIALECTS = await testDialects();
const MiB = 1024 * 1024;
const PLAINTEXT = new TextEncoder().encode('a drawing of our cat, by Xiao Ming '.repeat(200));

describe('attachment configuration', () => {
  it('allows 25 MiB by default and takes KIDTALK_ATTACHMENT_MAX_MB', () => {
    expect(buildConfig({}).attachmentMaxBytes).toBe(25 * MiB);
    expect(buildConfig({ attachmentMaxMb: '3' }).attachmentMaxBytes).toBe(3 * MiB);
    expect(() => buildConfig({ attachmentMaxMb: '0' })).toThrow(/KIDTALK_ATTACHMENT_MAX_MB/);
  });
});

describe.each(DIALECTS)('encrypted attachments on %s', (dialect) => {
  let h: Harness;
  let job: RetentionJob;
  let alice: Adult;
  let bob: Adult;
  let dave: Adult;
  let carol: Adult;
  let alice2: string;
  let bob2: string;
  let childToken: string;
  let conv: string;

  const encrypt = async () => {
    const enc = await encryptAttachment(PLAINTEXT);
    return { enc, secret: { key: enc.key, sha256: enc.sha256, size: enc.size } };
  };

  beforeAll(async () => {
    h = await startHarness(dialect, { KIDTALK_ATTACHMENT_MAX_MB: '1' });
    job = new RetentionJob(
      h.ctx.db,
      h.clock,
      h.ctx.logger,
      { undeliveredMs: h.ctx.config.undeliveredRetentionMs },
      RETENTION_RULES,
      h.ctx.blobs,
    );
    alice = await signUpAdult(h, 'Alice');
    bob = await signUpAdult(h, 'Bob');
    dave = await signUpAdult(h, 'Dave');
    carol = await signUpAdult(h, 'Carol');
    alice2 = await signInAgain(h, alice);
    bob2 = await signInAgain(h, bob);
    const otherGuardian = await signUpAdult(h, 'Other Mum');
    childToken = await linkChildDevice(h, otherGuardian, await createChild(h, otherGuardian));
    conv = await insertConversation(h, [alice.accountId, bob.accountId]);
    // Dave shares a conversation with Alice, just not this one.
    await insertConversation(h, [alice.accountId, dave.accountId]);
  });
  afterAll(async () => h?.close());

  it('stores only ciphertext and hands it to a member device, which can decrypt it (P1)', async () => {
    const { enc, secret } = await encrypt();
    const id = await share(h, alice.token, conv, enc.blob);
    const stored = fileBytes(h, id);
    expect(Buffer.from(stored).equals(Buffer.from(enc.blob))).toBe(true);
    expect(stored.includes(Buffer.from(PLAINTEXT))).toBe(false);
    expect(stored.includes(Buffer.from('drawing of our cat'))).toBe(false);
    const row = await blobRow(h, id);
    expect(row).toMatchObject({ kind: 'attachment', conversation_id: conv, size_bytes: enc.size });
    expect(row!.sha256).toBe(Buffer.from(enc.sha256).toString('hex'));

    const res = await download(h, bob.token, id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(await decryptAttachment(new Uint8Array(res.rawPayload), secret)).toEqual(PLAINTEXT);
  });

  it('answers a non-member, a stranger, another family and a missing ID with the same 404', async () => {
    const { enc } = await encrypt();
    const id = await share(h, alice.token, conv, enc.blob);
    const answers = await Promise.all([
      download(h, dave.token, id),
      download(h, carol.token, id),
      download(h, childToken, id),
      download(h, bob.token, newId()),
    ]);
    for (const a of answers) expect(a.statusCode).toBe(404);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    // None of them counted as a delivery: every recipient device is still owed it.
    expect(await fetchRows(h, id)).toHaveLength(3);
    expect(fileExists(h, id)).toBe(true);
  });

  it('refuses a reservation in a conversation the caller is not in, like a missing one', async () => {
    const outsider = await reserve(h, dave.token, conv, 100);
    const missing = await reserve(h, dave.token, newId(), 100);
    expect(outsider.statusCode).toBe(404);
    expect(outsider.body).toBe(missing.body);
  });

  it('refuses a wrong, missing or borrowed upload token, and an upload by anyone else', async () => {
    const { enc } = await encrypt();
    const a = (await reserve(h, alice.token, conv, enc.size)).json();
    const b = (await reserve(h, alice.token, conv, enc.size)).json();
    expect((await upload(h, alice.token, a.id, enc.blob)).statusCode).toBe(403);
    expect((await upload(h, alice.token, a.id, enc.blob, 'x'.repeat(43))).statusCode).toBe(403);
    expect((await upload(h, alice.token, a.id, enc.blob, b.uploadToken)).statusCode).toBe(403);
    // Bob is in the conversation and holds the right token, but the reservation is not his.
    expect((await upload(h, bob.token, a.id, enc.blob, a.uploadToken)).statusCode).toBe(404);
    const asJson = await h.request({
      method: 'PUT',
      url: `/v1/attachments/${a.id}`,
      token: alice.token,
      headers: { 'x-kidtalk-upload': a.uploadToken },
      body: { bytes: 'x' },
    });
    expect(asJson.statusCode).toBe(415);
    expect(fileExists(h, a.id)).toBe(false);
    expect((await upload(h, alice.token, a.id, enc.blob, a.uploadToken)).statusCode).toBe(200);
  });

  it('refuses an oversize attachment (413) at reservation and at upload', async () => {
    expect((await reserve(h, alice.token, conv, MiB + 1)).statusCode).toBe(413);
    const r = (await reserve(h, alice.token, conv, MiB)).json();
    const res = await upload(h, alice.token, r.id, new Uint8Array(MiB + 1), r.uploadToken);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(fileExists(h, r.id)).toBe(false);
  });

  it('refuses a body whose length differs from the declared size', async () => {
    const { enc } = await encrypt();
    const r = (await reserve(h, alice.token, conv, enc.size)).json();
    const short = await upload(h, alice.token, r.id, enc.blob.slice(1), r.uploadToken);
    const long = await upload(h, alice.token, r.id, new Uint8Array(enc.size + 1), r.uploadToken);
    expect([short.statusCode, long.statusCode]).toEqual([400, 400]);
    expect(fileExists(h, r.id)).toBe(false);
    // The reservation is still usable with the right length.
    expect((await upload(h, alice.token, r.id, enc.blob, r.uploadToken)).statusCode).toBe(200);
  });

  it('accepts one upload only', async () => {
    const { enc } = await encrypt();
    const r = (await reserve(h, alice.token, conv, enc.size)).json();
    expect((await upload(h, alice.token, r.id, enc.blob, r.uploadToken)).statusCode).toBe(200);
    const again = await upload(h, alice.token, r.id, new Uint8Array(enc.size), r.uploadToken);
    expect(again.statusCode).toBe(409);
    expect(Buffer.from(fileBytes(h, r.id)).equals(Buffer.from(enc.blob))).toBe(true);
  });

  it('keeps the blob while a recipient device has not fetched it, and deletes it after the last (P3)', async () => {
    const { enc } = await encrypt();
    const id = await share(h, alice.token, conv, enc.blob);
    // Bob's two devices and Alice's other device; not the device that uploaded.
    expect(await fetchRows(h, id)).toHaveLength(3);
    expect((await download(h, bob.token, id)).statusCode).toBe(200);
    // Fetched once is delivered: the same device does not get it twice.
    expect((await download(h, bob.token, id)).statusCode).toBe(404);
    expect((await download(h, alice2, id)).statusCode).toBe(200);
    // The uploader may read its own upload, without counting as a delivery.
    expect((await download(h, alice.token, id)).statusCode).toBe(200);
    expect(await fetchRows(h, id)).toHaveLength(1);
    expect(fileExists(h, id)).toBe(true);
    expect(await blobRow(h, id)).toBeDefined();

    expect((await download(h, bob2, id)).statusCode).toBe(200);
    expect(fileExists(h, id)).toBe(false);
    expect(await blobRow(h, id)).toBeUndefined();
    expect(await fetchRows(h, id)).toEqual([]);
    expect((await download(h, alice.token, id)).statusCode).toBe(404);
  });

  it('stops a fetch once the pair is blocked after the upload', async () => {
    const { enc } = await encrypt();
    const c2 = await insertConversation(h, [alice.accountId, carol.accountId]);
    const id = await share(h, alice.token, c2, enc.blob);
    await h.ctx.db.db
      .insertInto('blocks')
      .values({
        blocker_id: carol.accountId,
        blocked_id: alice.accountId,
        created_at: h.clock.now(),
      })
      .execute();
    const blocked = await download(h, carol.token, id);
    const missing = await download(h, carol.token, 'no-such-attachment-id');
    expect(blocked.statusCode).toBe(404);
    expect(blocked.body).toBe(missing.body);
    await h.ctx.db.db.deleteFrom('blocks').where('blocker_id', '=', carol.accountId).execute();
  });

  it('purges an undelivered attachment after 15 days, file and rows (P4)', async () => {
    const { enc } = await encrypt();
    const id = await share(h, alice.token, conv, enc.blob);
    h.clock.advance(15 * DAY - 1);
    await job.runOnce();
    expect(fileExists(h, id)).toBe(true);
    h.clock.advance(1);
    const report = await job.runOnce();
    expect(report['blobs.attachments_expired']).toBeGreaterThanOrEqual(1);
    expect(fileExists(h, id)).toBe(false);
    expect(await blobRow(h, id)).toBeUndefined();
    expect(await fetchRows(h, id)).toEqual([]);
    expect((await download(h, bob.token, id)).statusCode).toBe(404);
  });

  it('purges a reservation that was never used', async () => {
    const r = (await reserve(h, alice.token, conv, 100)).json();
    h.clock.advance(RESERVATION_TTL_MS - 1);
    await job.runOnce();
    expect(await blobRow(h, r.id)).toBeDefined();
    h.clock.advance(1);
    await job.runOnce();
    expect(await blobRow(h, r.id)).toBeUndefined();
    const late = await upload(h, alice.token, r.id, new Uint8Array(100), r.uploadToken);
    expect(late.statusCode).toBe(404);
  });

  it('deletes an attachment once the only recipients left the conversation', async () => {
    const group = await insertConversation(h, [alice.accountId, carol.accountId]);
    const { enc } = await encrypt();
    const id = await share(h, alice.token, group, enc.blob);
    await job.runOnce();
    expect(fileExists(h, id)).toBe(true);
    await h.ctx.db.db
      .deleteFrom('conversation_members')
      .where('conversation_id', '=', group)
      .where('account_id', '=', carol.accountId)
      .execute();
    expect((await download(h, carol.token, id)).statusCode).toBe(404);
    // Alice's other device is still owed it.
    await job.runOnce();
    expect(fileExists(h, id)).toBe(true);
    expect((await download(h, alice2, id)).statusCode).toBe(200);
    expect(fileExists(h, id)).toBe(false);
  });

  it('sweeps a file that no record claims, after a grace period for writers in flight', async () => {
    const { enc } = await encrypt();
    const kept = await share(h, alice.token, conv, enc.blob);
    const orphan = newId();
    await h.ctx.blobs.put(orphan, enc.blob);
    // A fresh job: the sweep lists the store at most twice per grace period.
    const job = new RetentionJob(
      h.ctx.db,
      h.clock,
      h.ctx.logger,
      { undeliveredMs: h.ctx.config.undeliveredRetentionMs },
      RETENTION_RULES,
      h.ctx.blobs,
    );
    await job.runOnce();
    expect(fileExists(h, orphan)).toBe(true);
    h.clock.advance(ORPHAN_GRACE_MS);
    const report = await job.runOnce();
    expect(report['blobs.orphan_files']).toBe(1);
    expect(fileExists(h, orphan)).toBe(false);
    expect(fileExists(h, kept)).toBe(true);
  });
});
