import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UPLOAD_TOKEN_HEADER } from '@kidtalk/protocol';
import { expect } from 'vitest';
import { newId } from '../../src/security/tokens.js';
import type { Adult } from './flows.js';
import { latestCode } from './flows.js';
import type { Harness } from './harness.js';
import { TEST_DEVICE } from './harness.js';

/** A conversation written straight through the tables, independent of the conversations API. */
export async function insertConversation(h: Harness, memberIds: string[]): Promise<string> {
  const id = newId();
  const now = h.clock.now();
  await h.ctx.db.db
    .insertInto('conversations')
    .values({
      id,
      kind: 'group',
      epoch: 0,
      group_info: null,
      created_by: memberIds[0]!,
      created_at: now,
    })
    .execute();
  await h.ctx.db.db
    .insertInto('conversation_members')
    .values(memberIds.map((account_id) => ({ conversation_id: id, account_id, joined_at: now })))
    .execute();
  return id;
}

/** Signs the same adult in again: a second device with its own session token. */
export async function signInAgain(h: Harness, adult: Adult): Promise<string> {
  const sent = await h.request({
    method: 'POST',
    url: '/v1/auth/otp',
    body: { phone: adult.phone, purpose: 'sign_in' },
  });
  expect(sent.statusCode, sent.body).toBe(202);
  const res = await h.request({
    method: 'POST',
    url: '/v1/auth/sign-in',
    body: { phone: adult.phone, code: await latestCode(h, adult.phone), device: TEST_DEVICE },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().token;
}

export function reserve(h: Harness, token: string, conversationId: string, size: number) {
  return h.request({
    method: 'POST',
    url: '/v1/attachments',
    token,
    body: { conversationId, size },
  });
}

export function upload(
  h: Harness,
  token: string,
  id: string,
  bytes: Uint8Array,
  uploadToken?: string,
) {
  return h.app.inject({
    method: 'PUT',
    url: `/v1/attachments/${id}`,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/octet-stream',
      ...(uploadToken !== undefined ? { [UPLOAD_TOKEN_HEADER]: uploadToken } : {}),
    },
    payload: Buffer.from(bytes),
  });
}

export function download(h: Harness, token: string, id: string) {
  return h.request({ method: 'GET', url: `/v1/attachments/${id}`, token });
}

/** Reserves and uploads; returns the blob ID. */
export async function share(
  h: Harness,
  token: string,
  conversationId: string,
  bytes: Uint8Array,
): Promise<string> {
  const r = await reserve(h, token, conversationId, bytes.length);
  expect(r.statusCode, r.body).toBe(201);
  const u = await upload(h, token, r.json().id, bytes, r.json().uploadToken);
  expect(u.statusCode, u.body).toBe(200);
  return r.json().id;
}

export const blobFile = (h: Harness, id: string) => path.join(h.ctx.config.dataDir, 'blobs', id);
export const fileExists = (h: Harness, id: string) => existsSync(blobFile(h, id));
export const fileBytes = (h: Harness, id: string) => readFileSync(blobFile(h, id));

export async function blobRow(h: Harness, id: string) {
  return h.ctx.db.db.selectFrom('blobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function fetchRows(h: Harness, id: string): Promise<string[]> {
  const rows = await h.ctx.db.db
    .selectFrom('attachment_fetches')
    .select('device_id')
    .where('blob_id', '=', id)
    .execute();
  return rows.map((r) => r.device_id);
}
