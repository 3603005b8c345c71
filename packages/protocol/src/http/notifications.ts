import { Type, type Static } from 'typebox';
import { strict, Timestamp } from './common.js';

export const NOTIFICATION_KINDS = [
  'child.created',
  'device.linked',
  'pin.locked',
  'pin.reverify_required',
  'pin.changed',
  'pin.unlocked',
  'guardian.invited',
  'guardian.joined',
  'guardian.invite_refused',
  'profile.updated',
  'settings.updated',
  'friend_request.pending',
  'friend_request.approved',
  'friend_request.declined',
  'contact.removed',
  'contact.blocked',
  'contact.unblocked',
  'report.filed',
  'account.deleted',
  'guardian.left',
] as const;

export const NotificationView = Type.Object(
  {
    id: Type.String(),
    kind: Type.String(),
    childId: Type.Union([Type.String(), Type.Null()]),
    data: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
    createdAt: Timestamp,
    readAt: Type.Union([Timestamp, Type.Null()]),
  },
  strict,
);
export type NotificationView = Static<typeof NotificationView>;
export const NotificationList = Type.Object(
  { notifications: Type.Array(NotificationView) },
  strict,
);
