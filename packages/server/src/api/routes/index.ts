import type { AppContext } from '../../context.js';
import type { KidTalkApp } from '../types.js';
import { registerAttachmentsRoutes } from './attachments/index.js';
import { registerLinkDevice } from './auth/link-device.js';
import { registerSendOtp } from './auth/send-otp.js';
import { registerSignIn } from './auth/sign-in.js';
import { registerSignOut } from './auth/sign-out.js';
import { registerGetAvatar } from './avatars/get-avatar.js';
import { registerCheckChildPin } from './children/check-child-pin.js';
import { registerCreateChild } from './children/create-child.js';
import { registerCreateLinkCode } from './children/create-link-code.js';
import { registerGetChild } from './children/get-child.js';
import { registerGetChildPinStatus } from './children/get-child-pin-status.js';
import { registerInviteGuardian } from './children/invite-guardian.js';
import { registerListChildConversations } from './children/list-child-conversations.js';
import { registerListChildSessions } from './children/list-child-sessions.js';
import { registerListChildren } from './children/list-children.js';
import { registerListGuardians } from './children/list-guardians.js';
import { registerRevokeChildSession } from './children/revoke-child-session.js';
import { registerSetChildAvatar } from './children/set-child-avatar.js';
import { registerSetChildPin } from './children/set-child-pin.js';
import { registerUnlockChildPin } from './children/unlock-child-pin.js';
import { registerUpdateChild } from './children/update-child.js';
import { registerUpdateChildSettings } from './children/update-child-settings.js';
import { registerGetPolicy } from './consents/get-policy.js';
import { registerContactsRoutes } from './contacts/index.js';
import { registerConversationsRoutes } from './conversations/index.js';
import { registerDataRightsRoutes } from './data-rights/index.js';
import { registerGiveConsent } from './consents/give-consent.js';
import { registerListConsents } from './consents/list-consents.js';
import { registerReadSmsOutbox } from './dev/read-sms-outbox.js';
import { registerAcceptGuardianInvite } from './guardian-invites/accept-guardian-invite.js';
import { registerListGuardianInvites } from './guardian-invites/list-guardian-invites.js';
import { registerRefuseGuardianInvite } from './guardian-invites/refuse-guardian-invite.js';
import { registerHealthz } from './health/healthz.js';
import { registerReadyz } from './health/readyz.js';
import { registerGetMe } from './me/get-me.js';
import { registerListSessions } from './me/list-sessions.js';
import { registerRevokeSession } from './me/revoke-session.js';
import { registerUpdateDevice } from './me/update-device.js';
import { registerUpdateMe } from './me/update-me.js';
import { registerListNotifications } from './notifications/list-notifications.js';
import { registerMarkNotificationRead } from './notifications/mark-notification-read.js';
import { registerGetProfile } from './profiles/get-profile.js';

const ROUTES: ((app: KidTalkApp, ctx: AppContext) => void)[] = [
  registerHealthz,
  registerReadyz,
  registerSendOtp,
  registerSignIn,
  registerLinkDevice,
  registerSignOut,
  registerGetMe,
  registerUpdateMe,
  registerListSessions,
  registerRevokeSession,
  registerUpdateDevice,
  registerGetPolicy,
  registerGiveConsent,
  registerListConsents,
  registerCreateChild,
  registerListChildren,
  registerGetChild,
  registerUpdateChild,
  registerSetChildAvatar,
  registerUpdateChildSettings,
  registerSetChildPin,
  registerCheckChildPin,
  registerGetChildPinStatus,
  registerUnlockChildPin,
  registerCreateLinkCode,
  registerListChildSessions,
  registerRevokeChildSession,
  registerInviteGuardian,
  registerListGuardians,
  registerListChildConversations,
  registerListGuardianInvites,
  registerAcceptGuardianInvite,
  registerRefuseGuardianInvite,
  registerListNotifications,
  registerMarkNotificationRead,
  registerGetProfile,
  registerGetAvatar,
  registerReadSmsOutbox,
  registerContactsRoutes,
  registerConversationsRoutes,
  registerAttachmentsRoutes,
  registerDataRightsRoutes,
];

export function registerRoutes(app: KidTalkApp, ctx: AppContext): void {
  for (const register of ROUTES) register(app, ctx);
}
