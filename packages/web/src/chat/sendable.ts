import type { KidTalkClient } from '@kidtalk/sdk';

const JOIN_AFTER_MS = 4000;

/**
 * Calls `onReady` once this device is in the conversation's MLS group: at once, when its
 * Welcome arrives, or after joining by itself when no Welcome is coming (the device had no
 * KeyPackage when the group was made). `onFailed` if this device's group state cannot be read.
 * Returns the cleanup.
 */
export function whenSendable(
  client: KidTalkClient,
  conversationId: string,
  onReady: () => void,
  onFailed: () => void,
): () => void {
  let done = false;
  let joinTimer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    if (done) return;
    done = true;
    onReady();
  };
  const off = client.on('conversation', (e) => {
    if (e.conversationId === conversationId && e.change === 'joined') fire();
  });
  void client.canSend(conversationId).then(
    (ok) => {
      if (ok) return fire();
      if (done) return;
      joinTimer = setTimeout(() => {
        void client.conversations
          .join(conversationId)
          .then(async () => (await client.canSend(conversationId)) && fire())
          .catch(() => undefined);
      }, JOIN_AFTER_MS);
    },
    () => !done && onFailed(),
  );
  return () => {
    done = true;
    off();
    clearTimeout(joinTimer);
  };
}
