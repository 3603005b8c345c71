import type { AttachmentMeta, KidTalkClient } from '@kidtalk/sdk';

export type { AttachmentMeta };

/** Messages the composer sends directly (attachments go through `sendAttachment`). */
export type SendableContent = Extract<
  Parameters<KidTalkClient['enqueue']>[1],
  { type: 'text' | 'sticker' | 'location' }
>;

export type AttachmentRef = Extract<
  Parameters<KidTalkClient['enqueue']>[1],
  { type: 'image' }
>['attachment'];
