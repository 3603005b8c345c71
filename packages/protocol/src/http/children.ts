import { Type, type Static } from 'typebox';
import { DisplayName, Id, PhoneInput, Pin, strict, Timestamp } from './common.js';
import { AvatarInput, Birthday, ChildProfile, Country, Gender } from './profile.js';

/**
 * Optional demographic fields (P5) are nullable, never required: `null` is the explicit
 * "skip" a guardian chooses, and leaving the field out means the same thing on create.
 */
export const CreateChildBody = Type.Object(
  {
    consentId: Id,
    displayName: DisplayName,
    avatar: AvatarInput,
    pin: Pin,
    country: Type.Optional(Type.Union([Country, Type.Null()])),
    gender: Type.Optional(Type.Union([Gender, Type.Null()])),
    birthday: Type.Optional(Type.Union([Birthday, Type.Null()])),
  },
  strict,
);
export type CreateChildBody = Static<typeof CreateChildBody>;

export const UpdateChildBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    avatar: Type.Optional(AvatarInput),
    country: Type.Optional(Type.Union([Country, Type.Null()])),
    gender: Type.Optional(Type.Union([Gender, Type.Null()])),
    birthday: Type.Optional(Type.Union([Birthday, Type.Null()])),
  },
  { ...strict, minProperties: 1 },
);
export type UpdateChildBody = Static<typeof UpdateChildBody>;

export const ChildSettingsBody = Type.Object({ selfFriending: Type.Boolean() }, strict);
export type ChildSettingsBody = Static<typeof ChildSettingsBody>;

export const ChildList = Type.Object({ children: Type.Array(ChildProfile) }, strict);

export const ChildParams = Type.Object({ childId: Id }, strict);
export const ChildSessionParams = Type.Object({ childId: Id, sessionId: Id }, strict);

/** Every parental action on the child's own device names one of these (P6). */
export const ELEVATED_ACTIONS = [
  'profile.update',
  'settings.update',
  'device.link',
  'contact.approve',
  'account.delete',
] as const;
export type ElevatedAction = (typeof ELEVATED_ACTIONS)[number];
export const ElevatedActionSchema = Type.Enum(ELEVATED_ACTIONS);

/** Header that carries a single-use elevation token on the child's device. */
export const ELEVATION_HEADER = 'x-kidtalk-elevation';

export const SetPinBody = Type.Object({ pin: Pin }, strict);
export const CheckPinBody = Type.Object({ pin: Pin, action: ElevatedActionSchema }, strict);
export type CheckPinBody = Static<typeof CheckPinBody>;
export const ElevationReply = Type.Object(
  { elevationToken: Type.String(), action: ElevatedActionSchema, expiresAt: Timestamp },
  strict,
);
/**
 * A 15-minute lock is lifted from the guardian's signed-in session alone; after ten wrong PINs
 * the guardian's SMS code (purpose `pin_unlock`) is needed too.
 */
export const UnlockPinBody = Type.Object(
  { code: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })) },
  strict,
);
export type UnlockPinBody = Static<typeof UnlockPinBody>;

/** What a guardian sees of the PIN: never the PIN, only whether it is set and usable. */
export const PIN_STATES = ['unset', 'ok', 'locked', 'reverify'] as const;
export type PinState = (typeof PIN_STATES)[number];
export const PinStatus = Type.Object(
  {
    state: Type.Enum(PIN_STATES),
    /** When a 15-minute lock ends by itself; null unless `state` is 'locked'. */
    lockedUntil: Type.Union([Timestamp, Type.Null()]),
  },
  strict,
);
export type PinStatus = Static<typeof PinStatus>;

export const LinkCodeReply = Type.Object(
  { code: Type.String(), qrPayload: Type.String(), expiresAt: Timestamp },
  strict,
);

export const InviteGuardianBody = Type.Object({ phone: PhoneInput }, strict);
export const GuardianInviteView = Type.Object(
  {
    id: Type.String(),
    childId: Type.String(),
    childDisplayName: Type.String(),
    inviterDisplayName: Type.String(),
    expiresAt: Timestamp,
  },
  strict,
);
export const GuardianInviteList = Type.Object({ invites: Type.Array(GuardianInviteView) }, strict);
export const InviteCreatedReply = Type.Object({ id: Type.String(), expiresAt: Timestamp }, strict);
export const GuardianView = Type.Object(
  { id: Type.String(), displayName: Type.String(), role: Type.String(), since: Timestamp },
  strict,
);
export const GuardianList = Type.Object({ guardians: Type.Array(GuardianView) }, strict);
