import { expect } from 'vitest';
import type { Adult, Child } from './flows.js';
import { createChild, elevate, linkChildDevice, signUpAdult } from './flows.js';
import type { LiveServer } from './live-server.js';
import type { Seeded } from './mls-flows.js';
import { seedAccount, uploadKeyPackages, mlsDevice } from './mls-flows.js';
import type { Chat } from './report-flows.js';
import { say, startChat } from './report-flows.js';
import { share } from './attachment-flows.js';

/**
 * A child with something in nearly every table: two guardians (one invited), consents, a PIN,
 * a linked device with KeyPackages and an elevation, contacts, a block, a friend request, two
 * real MLS conversations with delivered and waiting messages both ways, an attachment,
 * interaction counts, a report made and one received, a support request, notifications.
 * Export and deletion tests check their answers against this.
 */
export interface BusyFamily {
  mum: Adult;
  dad: Adult;
  child: Child;
  kid: Seeded;
  bob: Seeded;
  carol: Seeded;
  chats: Chat[];
  attachmentId: string;
}

export async function busyFamily(h: LiveServer): Promise<BusyFamily> {
  const mum = await signUpAdult(h, 'Mum');
  const dad = await signUpAdult(h, 'Dad');
  const child = await createChild(h, mum, { country: 'CN', birthday: '2016-05-01' });
  const kidToken = await linkChildDevice(h, mum, child);
  const invite = await h.request({
    method: 'POST',
    url: `/v1/children/${child.id}/guardian-invites`,
    token: mum.token,
    body: { phone: dad.phone },
  });
  expect(invite.statusCode, invite.body).toBe(201);
  const accepted = await h.request({
    method: 'POST',
    url: `/v1/guardian-invites/${invite.json().id}/accept`,
    token: dad.token,
  });
  expect(accepted.statusCode, accepted.body).toBeLessThan(300);

  const device = await h.ctx.db.db
    .selectFrom('devices')
    .select('id')
    .where('account_id', '=', child.id)
    .executeTakeFirstOrThrow();
  const kid: Seeded = {
    accountId: child.id,
    publicId: child.publicId,
    kind: 'child',
    token: kidToken,
    deviceId: device.id,
  };
  const bob = await seedAccount(h, 'adult');
  const carol = await seedAccount(h, 'adult');
  const eve = await seedAccount(h, 'adult');
  const dave = await seedAccount(h, 'adult');

  // The child writes to Bob (one read, one waiting); Carol writes to the child (the same).
  const withBob = await startChat(h, kid, bob);
  const toBob = (await say(withBob, 'sender', 'hello bob', true))!;
  const attachmentId = await share(h, kidToken, withBob.conv, new Uint8Array([1, 2, 3, 4]));
  await say(withBob, 'sender', 'still there?', false);
  const withCarol = await startChat(h, carol, kid);
  const fromCarol = (await say(withCarol, 'sender', 'you are mean', true))!;
  await say(withCarol, 'sender', 'answer me', false);
  await uploadKeyPackages(h, await mlsDevice(h, kid), 2);

  const ok = async (res: Promise<{ statusCode: number; body: string }>, status = 201) => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(status);
  };
  await ok(
    h.request({
      method: 'POST',
      url: '/v1/reports',
      token: kid.token,
      body: { accountId: carol.accountId, category: 'bullying', evidence: [fromCarol] },
    }),
  );
  await ok(
    h.request({
      method: 'POST',
      url: '/v1/reports',
      token: bob.token,
      body: { accountId: kid.accountId, category: 'spam', evidence: [toBob] },
    }),
  );
  await ok(
    h.request({
      method: 'POST',
      url: '/v1/blocks',
      token: kid.token,
      body: { publicId: eve.publicId },
    }),
  );
  await ok(
    h.request({
      method: 'POST',
      url: '/v1/friend-requests',
      token: kid.token,
      body: { publicId: dave.publicId },
    }),
  );
  await ok(
    h.request({
      method: 'POST',
      url: '/v1/support',
      token: kid.token,
      body: { body: 'how do I change my avatar?' },
    }),
  );
  await elevate(h, kid.token, child, 'profile.update');
  // The relay writes interaction counts a moment after the messages; wait for them.
  for (let i = 0; i < 50; i++) {
    const counted = await h.ctx.db.db
      .selectFrom('interaction_counts')
      .select('account_id')
      .where('account_id', '=', kid.accountId)
      .executeTakeFirst();
    if (counted) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { mum, dad, child, kid, bob, carol, chats: [withBob, withCarol], attachmentId };
}
