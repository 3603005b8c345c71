import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Person } from './browser.js';
import type { Child, Guardian } from './families.js';
import { fill, randomPhone, signUpGuardian, strings } from './families.js';
import type { WebServer } from './web-server.js';
import { expectOk } from './web-server.js';

/*
 * States of the app that take several people or many steps to reach (a locked PIN, an open
 * invitation, a group, a refused message), built through the API and the screens so the
 * browser suites can look at them.
 */

/** A child opens its chat with `name` from the chats tab, the way a child finds it. */
export async function openChatFromChatsTab(page: Page, name: string): Promise<void> {
  const en = strings('en');
  await page
    .getByRole('navigation', { name: en.kid.nav.label })
    .getByRole('link', { name: en.kid.nav.chats })
    .click();
  await page.getByTestId('chat-list-item').filter({ hasText: name }).click();
  await page.getByTestId('chat').waitFor();
}

/**
 * Wrong PINs sent the way the child's device sends them (POST /v1/children/:id/pin/check from
 * the child's session); each must be refused, whatever the reason.
 */
export async function wrongPinsViaApi(
  server: WebServer,
  kidToken: string,
  child: Child,
  wrongPin: string,
  times: number,
): Promise<string[]> {
  const codes: string[] = [];
  for (let i = 0; i < times; i++) {
    const res = await server.call({
      method: 'POST',
      path: `/v1/children/${child.id}/pin/check`,
      token: kidToken,
      body: { pin: wrongPin, action: 'profile.update' },
    });
    expect(res.status, `wrong PIN ${i + 1} was accepted`).toBeGreaterThanOrEqual(400);
    codes.push((res.body as { error?: { code?: string } }).error?.code ?? String(res.status));
  }
  return codes;
}

/** What the dashboard's PIN section says of the lock (`pin-state[data-state]`). */
export async function pinStateOnDashboard(page: Page): Promise<string | null> {
  return page.getByTestId('pin-state').getAttribute('data-state');
}

/**
 * The kids' "grown-up needed" keypad: the PIN typed with the keyboard, until the server answered.
 */
export async function typePinOnKidDevice(kid: Person, pin: string): Promise<void> {
  const en = strings('en');
  const page = kid.page;
  await page.getByRole('heading', { name: en.kid.grownUpNeeded.title }).waitFor();
  const one = page.getByRole('button', { name: fill(en.ui.pin.digit, { digit: '1' }) });
  await expect.poll(() => one.isEnabled()).toBe(true);
  await one.focus();
  // The pad ignores keys while a check is on its way: each PIN waits for the server's answer.
  const answered = page.waitForResponse((r) => r.url().endsWith('/pin/check'));
  await page.keyboard.type(pin);
  await answered;
}

/**
 * A guardian becomes a contact of a child they look after through the API: the adult asks,
 * then approves the child's side (which also accepts for the child).
 */
export async function befriendGuardianAndChildViaApi(
  server: WebServer,
  guardian: Guardian,
  child: Child,
): Promise<void> {
  const request = expectOk<{ id: string }>(
    await server.call({
      method: 'POST',
      path: '/v1/friend-requests',
      token: guardian.token,
      body: { publicId: child.publicId },
    }),
    `friend request to ${child.displayName}`,
  );
  expectOk(
    await server.call({
      method: 'POST',
      path: `/v1/children/${child.id}/friend-requests/${request.id}/approve`,
      token: guardian.token,
    }),
    `approve for ${child.displayName}`,
  );
}

/**
 * A second adult signs up, and the child's guardian invites them by phone through the API: the
 * invitation is open on the invitee's home once it loads again.
 */
export async function invitedAdult(
  server: WebServer,
  invitee: Person,
  name: string,
  guardian: Guardian,
  child: Child,
  language: 'en' | 'zh-CN' = 'en',
): Promise<{ adult: Guardian; inviteId: string }> {
  const adult = await signUpGuardian(server, invitee, name, language, randomPhone());
  const { id } = expectOk<{ id: string }>(
    await server.call({
      method: 'POST',
      path: `/v1/children/${child.id}/guardian-invites`,
      token: guardian.token,
      body: { phone: adult.phone },
    }),
    'invite a guardian',
  );
  return { adult, inviteId: id };
}

/**
 * On a child's device: the "New group" screen, the given contacts ticked, the group made. The
 * app opens the group's chat; its conversation id is returned once the chat is ready.
 */
export async function makeGroupOnKidDevice(kid: Person, publicIds: string[]): Promise<string> {
  const page = kid.page;
  await page.goto('/kid/chats/groups/new');
  await page.getByTestId('new-group-create').waitFor();
  for (const id of publicIds) {
    await page.locator(`[data-testid="new-group-friend"][data-public-id="${id}"]`).check();
  }
  await page.getByTestId('new-group-create').click();
  await page.waitForURL(/\/kid\/chats\/groups\/[0-9a-f]+$/, { timeout: 60_000 });
  const chat = page.getByTestId('chat');
  await chat.waitFor({ timeout: 60_000 });
  const id = await chat.getAttribute('data-conversation-id');
  expect(id).toBeTruthy();
  return id!;
}

/** Types a message in the open chat's composer and waits until it is in the log. */
export async function sendText(page: Page, text: string): Promise<void> {
  await page.getByTestId('composer-text').fill(text);
  await page.getByTestId('composer-send').click();
  await page.getByTestId('message-log').getByText(text).waitFor();
}

/** Every realtime frame a page sends and receives about one message (JSON frames, by id). */
export interface FrameLog {
  sent(id: string): number;
  refused(id: string): string[];
  acknowledged(id: string): number;
}

/**
 * Starts recording the realtime frames of `page`'s WebSockets. Only sockets opened after this
 * call are seen: navigate (or reload) afterwards.
 */
export function recordFrames(page: Page): FrameLog {
  const out: { t?: string; id?: string; code?: string }[] = [];
  const into = (dir: 'out' | 'in') => (payload: string | Buffer) => {
    try {
      const frame = JSON.parse(String(payload)) as { t?: string; id?: string; code?: string };
      out.push({ ...frame, t: `${dir}:${frame.t}` });
    } catch {
      // Not JSON: nothing of ours.
    }
  };
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => into('out')(f.payload));
    ws.on('framereceived', (f) => into('in')(f.payload));
  });
  return {
    sent: (id) => out.filter((f) => f.t === 'out:send' && f.id === id).length,
    refused: (id) => out.filter((f) => f.t === 'in:error' && f.id === id).map((f) => f.code ?? ''),
    acknowledged: (id) => out.filter((f) => f.t === 'in:sent' && f.id === id).length,
  };
}
