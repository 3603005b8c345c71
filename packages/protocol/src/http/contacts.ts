import { Type, type Static } from 'typebox';
import { Id, PUBLIC_ID_ALPHABET, PUBLIC_ID_LENGTH, PublicId, strict, Timestamp } from './common.js';
import { Avatar, ContactProfile } from './profile.js';

/** What a QR code on someone's profile says: scanning it is the same as typing the ID. */
export const USER_QR_PREFIX = 'kidtalk://user?id=';

export function userQrPayload(publicId: string): string {
  return `${USER_QR_PREFIX}${publicId}`;
}

const QR_ID = new RegExp(`^[${PUBLIC_ID_ALPHABET}]{${PUBLIC_ID_LENGTH}}$`);

/** The public ID in a scanned payload, or null for anything else (no other forms accepted). */
export function parseUserQrPayload(payload: string): string | null {
  if (!payload.startsWith(USER_QR_PREFIX)) return null;
  const id = payload.slice(USER_QR_PREFIX.length);
  return QR_ID.test(id) ? id : null;
}

/**
 * What a lookup, a request or a block list shows of another account: exactly name, public ID
 * and avatar. Not whether it is a child, not online status, nothing demographic.
 */
export const PublicCard = Type.Object(
  { publicId: Type.String(), displayName: Type.String(), avatar: Avatar },
  strict,
);
export type PublicCard = Static<typeof PublicCard>;

export const PublicIdParams = Type.Object({ publicId: PublicId }, strict);
export const PublicIdBody = Type.Object({ publicId: PublicId }, strict);
export const RequestIdParams = Type.Object({ requestId: Id }, strict);
export const ChildPublicIdParams = Type.Object({ childId: Id, publicId: PublicId }, strict);
export const ChildRequestParams = Type.Object({ childId: Id, requestId: Id }, strict);

export const FriendRequestStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('approved'),
  Type.Literal('declined'),
  Type.Literal('cancelled'),
]);

/**
 * A request as one side sees it. It says only what concerns that side (did I accept, did my
 * guardian approve); the other side's state is never shown, so a request does not reveal
 * whether the other account is a child under supervision.
 */
export const FriendRequestView = Type.Object(
  {
    id: Type.String(),
    direction: Type.Union([Type.Literal('incoming'), Type.Literal('outgoing')]),
    other: PublicCard,
    status: FriendRequestStatus,
    accepted: Type.Boolean({ description: 'this side accepted (always true for the sender)' }),
    guardianApproved: Type.Boolean({
      description: 'this side’s guardian approved, or this side needs no approval',
    }),
    createdAt: Timestamp,
  },
  strict,
);
export type FriendRequestView = Static<typeof FriendRequestView>;
export const FriendRequestList = Type.Object({ requests: Type.Array(FriendRequestView) }, strict);

export const ContactList = Type.Object({ contacts: Type.Array(ContactProfile) }, strict);

/** How often the child and this contact talked (P7): counts and times only, never content. */
export const InteractionSummary = Type.Object(
  {
    messagesSent: Type.Integer({ minimum: 0 }),
    messagesReceived: Type.Integer({ minimum: 0 }),
    callsMade: Type.Integer({ minimum: 0 }),
    callsReceived: Type.Integer({ minimum: 0 }),
    lastAt: Type.Union([Timestamp, Type.Null()]),
  },
  strict,
);

/** A guardian's view of one of their child's contacts (P7, P19). */
export const ChildContactView = Type.Object(
  {
    publicId: Type.String(),
    displayName: Type.String(),
    avatar: Avatar,
    online: Type.Boolean(),
    since: Timestamp,
    interactions: InteractionSummary,
  },
  strict,
);
export const ChildContactList = Type.Object({ contacts: Type.Array(ChildContactView) }, strict);

export const BlockView = Type.Object(
  { publicId: Type.String(), displayName: Type.String(), avatar: Avatar, createdAt: Timestamp },
  strict,
);
export type BlockView = Static<typeof BlockView>;
export const BlockList = Type.Object({ blocks: Type.Array(BlockView) }, strict);
