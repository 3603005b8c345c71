import { Type, type Static } from 'typebox';
import { DisplayName, OtpCode, PhoneInput, strict, Timestamp } from './common.js';
import { DeviceInfo, DeviceView } from './device.js';
import { SelfProfile } from './profile.js';

export const OtpPurpose = Type.Union([Type.Literal('sign_in'), Type.Literal('pin_unlock')]);
export type OtpPurpose = Static<typeof OtpPurpose>;

export const SendOtpBody = Type.Object({ phone: PhoneInput, purpose: OtpPurpose }, strict);
export type SendOtpBody = Static<typeof SendOtpBody>;
// The same answer whether or not the number has an account, so it reveals nothing.
export const SendOtpReply = Type.Object({ expiresInSec: Type.Integer() }, strict);

export const SignInBody = Type.Object(
  {
    phone: PhoneInput,
    code: OtpCode,
    // Needed only the first time a number signs in, to create the adult account.
    displayName: Type.Optional(DisplayName),
    device: DeviceInfo,
  },
  strict,
);
export type SignInBody = Static<typeof SignInBody>;

export const LinkDeviceBody = Type.Object(
  { code: Type.String({ pattern: '^[0-9A-Z]{10}$' }), device: DeviceInfo },
  strict,
);
export type LinkDeviceBody = Static<typeof LinkDeviceBody>;

export const SessionReply = Type.Object(
  {
    token: Type.String(),
    sessionId: Type.String(),
    created: Type.Boolean(),
    account: SelfProfile,
  },
  strict,
);
export type SessionReply = Static<typeof SessionReply>;

export const SessionView = Type.Object(
  {
    id: Type.String(),
    current: Type.Boolean(),
    createdAt: Timestamp,
    lastUsedAt: Timestamp,
    device: DeviceView,
  },
  strict,
);
export type SessionView = Static<typeof SessionView>;
export const SessionList = Type.Object({ sessions: Type.Array(SessionView) }, strict);
export type SessionList = Static<typeof SessionList>;

export const UpdateDeviceBody = DeviceInfo;
