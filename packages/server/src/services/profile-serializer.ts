import type {
  Avatar,
  ChildProfile,
  ContactProfile,
  PublicCard,
  SelfProfile,
} from '@kidtalk/protocol';
import type { AccountRow } from '../stores/account-store.js';

export function avatarOf(a: AccountRow): Avatar {
  if (a.avatar_blob_id) return { kind: 'image', url: `/v1/avatars/${a.avatar_blob_id}` };
  return { kind: 'builtin', id: a.avatar_builtin ?? 'owl' };
}

/**
 * The single place that decides what a viewer sees of an account. Each view is built field
 * by field from an allow-list, so a new column never leaks by default (P20).
 */
export const serializeProfile = {
  /** Lookups, requests and block lists (issue 4): name, public ID and avatar, nothing else. */
  card(a: AccountRow): PublicCard {
    return { publicId: a.public_id, displayName: a.display_name, avatar: avatarOf(a) };
  },

  contact(a: AccountRow, online: boolean): ContactProfile {
    return {
      view: 'contact',
      publicId: a.public_id,
      displayName: a.display_name,
      avatar: avatarOf(a),
      online,
    };
  },

  guardian(a: AccountRow, hasPin: boolean): ChildProfile {
    return {
      view: 'guardian',
      id: a.id,
      kind: 'child',
      publicId: a.public_id,
      displayName: a.display_name,
      avatar: avatarOf(a),
      country: a.country,
      gender: a.gender as ChildProfile['gender'],
      birthday: a.birthday,
      selfFriending: a.self_friending === 1,
      hasPin,
      createdAt: a.created_at,
    };
  },

  /** A child's own view omits the demographic fields: only guardians manage those. */
  self(a: AccountRow): SelfProfile {
    return {
      view: 'self',
      id: a.id,
      kind: a.kind,
      publicId: a.public_id,
      displayName: a.display_name,
      avatar: avatarOf(a),
      phone: a.kind === 'adult' ? a.phone_e164 : null,
      createdAt: a.created_at,
    };
  },
};
