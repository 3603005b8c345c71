import type { ReceivedMessage } from '@kidtalk/sdk';

/**
 * Messages for the chat unit tests. Named `.test-support.ts` so vitest does not collect it as
 * a test file; only tests import it, so it never reaches the app's bundle.
 */
export type Content = ReceivedMessage['body']['content'];

/** A received message in conversation `c`, sent by `from` at `at` (its seq and server time). */
export function rx(id: string, from: string, at: number, content: Content): ReceivedMessage {
  return {
    conversationId: 'c',
    seq: at,
    clientMsgId: id,
    senderAccountId: from,
    senderDeviceId: `${from}-dev`,
    serverTime: at,
    epoch: 1,
    body: { id, sentAt: at, content },
    franking: { frankKey: '', plaintext: '', frankTag: '', countersig: '', serverTime: at },
  };
}

export const text = (t: string): Content => ({ type: 'text', text: t });
