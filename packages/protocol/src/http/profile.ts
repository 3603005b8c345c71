import { Type, type Static } from 'typebox';
import { DisplayName, strict, Timestamp } from './common.js';

export const BUILTIN_AVATARS = [
  'bear',
  'cat',
  'dog',
  'fox',
  'koala',
  'lion',
  'owl',
  'panda',
  'penguin',
  'rabbit',
  'robot',
  'star',
] as const;
export type BuiltinAvatar = (typeof BUILTIN_AVATARS)[number];

export const AvatarInput = Type.Object(
  {
    kind: Type.Literal('builtin'),
    id: Type.Enum(BUILTIN_AVATARS),
  },
  strict,
);

export const Avatar = Type.Union([
  Type.Object({ kind: Type.Literal('builtin'), id: Type.String() }, strict),
  Type.Object({ kind: Type.Literal('image'), url: Type.String() }, strict),
]);
export type Avatar = Static<typeof Avatar>;

/** ISO 3166-1 alpha-2, upper case. */
export const Country = Type.String({ pattern: '^[A-Z]{2}$' });
export const Gender = Type.Union([
  Type.Literal('girl'),
  Type.Literal('boy'),
  Type.Literal('other'),
]);
export const Birthday = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });

/**
 * What a contact may see (P20): exactly name, public ID, avatar and online status.
 * Adding a field here widens what strangers-turned-contacts learn; the P20 test pins it.
 */
export const ContactProfile = Type.Object(
  {
    view: Type.Literal('contact'),
    publicId: Type.String(),
    displayName: Type.String(),
    avatar: Avatar,
    online: Type.Boolean(),
  },
  strict,
);
export type ContactProfile = Static<typeof ContactProfile>;

export const ChildProfile = Type.Object(
  {
    view: Type.Literal('guardian'),
    id: Type.String(),
    kind: Type.Literal('child'),
    publicId: Type.String(),
    displayName: Type.String(),
    avatar: Avatar,
    country: Type.Union([Country, Type.Null()]),
    gender: Type.Union([Gender, Type.Null()]),
    birthday: Type.Union([Birthday, Type.Null()]),
    selfFriending: Type.Boolean(),
    hasPin: Type.Boolean(),
    createdAt: Timestamp,
  },
  strict,
);
export type ChildProfile = Static<typeof ChildProfile>;

export const SelfProfile = Type.Object(
  {
    view: Type.Literal('self'),
    id: Type.String(),
    kind: Type.Union([Type.Literal('adult'), Type.Literal('child')]),
    publicId: Type.String(),
    displayName: Type.String(),
    avatar: Avatar,
    phone: Type.Union([Type.String(), Type.Null()]),
    createdAt: Timestamp,
  },
  strict,
);
export type SelfProfile = Static<typeof SelfProfile>;

export const AnyProfile = Type.Union([ContactProfile, ChildProfile, SelfProfile]);
export type AnyProfile = Static<typeof AnyProfile>;

/** An adult corrects their own name and picture (P24); a built-in picture replaces an upload. */
export const UpdateMeBody = Type.Object(
  { displayName: Type.Optional(DisplayName), avatar: Type.Optional(AvatarInput) },
  strict,
);
export type UpdateMeBody = Static<typeof UpdateMeBody>;
