import { Type, type Static } from 'typebox';
import { strict, Timestamp } from './common.js';
import { InteractionSummary } from './contacts.js';
import { ConversationKind } from './conversations.js';
import { ContactProfile } from './profile.js';

/*
 * A guardian's view of their child's conversations (P7, P16): who is in each, and how often the
 * child and each of them talked. Never content, and nothing of the MLS state either.
 */

/** A member as any contact sees them, plus the counts between the child and this member. */
export const ChildConversationMember = Type.Object(
  {
    ...ContactProfile.properties,
    /**
     * Counted per pair over all their conversations, not per conversation; null for the child.
     */
    interactions: Type.Union([InteractionSummary, Type.Null()]),
  },
  strict,
);
export type ChildConversationMember = Static<typeof ChildConversationMember>;

export const ChildConversationView = Type.Object(
  {
    id: Type.String(),
    kind: ConversationKind,
    createdAt: Timestamp,
    members: Type.Array(ChildConversationMember),
  },
  strict,
);
export type ChildConversationView = Static<typeof ChildConversationView>;

export const ChildConversationList = Type.Object(
  { conversations: Type.Array(ChildConversationView) },
  strict,
);
