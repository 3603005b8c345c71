import { describe, expect, it } from 'vitest';
import { sendStatus } from './send-status.js';

const facts = (failed: boolean, pending: boolean, online: boolean) => ({ failed, pending, online });

describe('sendStatus', () => {
  it('a refused message is "failed" whatever else is true', () => {
    expect(sendStatus(facts(true, false, true), undefined)).toBe('failed');
    expect(sendStatus(facts(true, true, false), 'read')).toBe('failed');
  });

  it('a message in the outbox is "queued" offline and "sending" online', () => {
    expect(sendStatus(facts(false, true, false), undefined)).toBe('queued');
    expect(sendStatus(facts(false, true, true), undefined)).toBe('sending');
  });

  it('an acknowledged message shows its furthest receipt, "sent" before any', () => {
    expect(sendStatus(facts(false, false, false), undefined)).toBe('sent');
    expect(sendStatus(facts(false, false, true), 'delivered')).toBe('delivered');
    expect(sendStatus(facts(false, false, true), 'read')).toBe('read');
  });
});
