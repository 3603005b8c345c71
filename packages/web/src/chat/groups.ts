import type { ConversationView } from '@kidtalk/protocol';
import type { ConversationSummary } from './conversation-list.js';

/** What a chat shows of one member of a group: contacts' names and pictures. */
export interface GroupMember {
  accountId: string;
  publicId: string;
  /** Undefined for someone who is not one's contact (possible only among grown-ups). */
  name?: string;
  avatar?: { kind: string; id?: string };
}

export interface GroupSummary {
  conversationId: string;
  /** The name given to the group on this device, if any. */
  localName?: string;
  /** Everyone but oneself. */
  members: GroupMember[];
  lastActivity?: number;
  unread?: number;
}

interface KnownContact {
  publicId: string;
  displayName: string;
  avatar: { kind: string; id?: string };
}

/** Group conversations: the kind says it, whatever the size (a group may shrink to two). */
export const isGroup = (view: ConversationView): boolean => view.kind === 'group';

/** The other members, named from one's contacts, in the server's order. */
export function groupMembers(
  view: ConversationView,
  contacts: readonly KnownContact[],
  me: string,
): GroupMember[] {
  const byPublicId = new Map(contacts.map((c) => [c.publicId, c]));
  return view.members
    .filter((m) => m.accountId !== me)
    .map((m) => {
      const c = byPublicId.get(m.publicId);
      return {
        accountId: m.accountId,
        publicId: m.publicId,
        ...(c && { name: c.displayName, avatar: c.avatar }),
      };
    });
}

/** "Ada, Ben and Cy" / "Ada、Ben和Cy"; unknown members as `someone`. */
export function listNames(
  members: readonly GroupMember[],
  language: string,
  someone: string,
): string {
  const names = members.map((m) => m.name ?? someone);
  return new Intl.ListFormat(language, { type: 'conjunction' }).format(names);
}

export type ChatRow =
  { kind: 'direct'; item: ConversationSummary } | { kind: 'group'; group: GroupSummary };

/** People and groups in one list: most recent activity first, then by name. */
export function mergeRows(
  direct: readonly ConversationSummary[],
  groups: readonly GroupSummary[],
  titleOf: (g: GroupSummary) => string,
): ChatRow[] {
  const rows: { row: ChatRow; at: number; name: string }[] = [
    ...direct.map((item) => ({
      row: { kind: 'direct' as const, item },
      at: item.lastActivity ?? 0,
      name: item.name,
    })),
    ...groups.map((group) => ({
      row: { kind: 'group' as const, group },
      at: group.lastActivity ?? 0,
      name: titleOf(group),
    })),
  ];
  return rows.sort((a, b) => b.at - a.at || a.name.localeCompare(b.name)).map((r) => r.row);
}

export type GroupRefusal = 'notAllFriends' | 'tooMany' | 'offline' | 'failed';

/**
 * Why making a group did not work, in words a child can act on. The server refuses a group
 * with FORBIDDEN unless every pair with a child in it is approved friends.
 */
export function groupRefusal(err: unknown): GroupRefusal {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : '';
  switch (code) {
    case 'FORBIDDEN':
      return 'notAllFriends';
    case 'TOO_MANY_MEMBERS':
      return 'tooMany';
    case 'NETWORK':
    case 'UNAVAILABLE':
      return 'offline';
    default:
      return 'failed';
  }
}
