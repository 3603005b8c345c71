import type {
  BlockView,
  ChildConversationView,
  ChildProfile,
  ConsentView,
  CreateChildBody,
  DataExport,
  GiveConsentBody,
  NotificationView,
  PinStatus,
  ReportView,
  SelfProfile,
  SessionView,
  UpdateChildBody,
} from '@kidtalk/protocol';
import type { HttpClient } from './http-client.js';

/** One of a child's contacts as their guardian sees it (P7, P19): counts, never content. */
export interface ChildContact {
  publicId: string;
  displayName: string;
  avatar: ChildProfile['avatar'];
  online: boolean;
  since: number;
  interactions: {
    messagesSent: number;
    messagesReceived: number;
    callsMade: number;
    callsReceived: number;
    lastAt: number | null;
  };
}

export interface GuardianView {
  id: string;
  displayName: string;
  role: string;
  since: number;
}

export interface GuardianInvite {
  id: string;
  childId: string;
  childDisplayName: string;
  inviterDisplayName: string;
  expiresAt: number;
}

export interface LinkCode {
  code: string;
  qrPayload: string;
  expiresAt: number;
}

/**
 * A guardian's dashboard calls from their own session (P16, P19, P24, P25): children, PIN,
 * devices, settings, other guardians, consents, notifications, export and deletion. Contact
 * approvals for a child live on `ContactsApi`.
 */
export class GuardianApi {
  constructor(private readonly http: HttpClient) {}

  async children(): Promise<ChildProfile[]> {
    return (await this.get<{ children: ChildProfile[] }>('/v1/children')).children;
  }

  child(childId: string): Promise<ChildProfile> {
    return this.get(child(childId));
  }

  /** Needs a fresh `child_account` consent (`giveConsent`) spent in the same transaction. */
  createChild(body: CreateChildBody): Promise<ChildProfile> {
    return this.http.json({ method: 'POST', path: '/v1/children', body });
  }

  updateChild(childId: string, patch: UpdateChildBody): Promise<ChildProfile> {
    return this.http.json({ method: 'PATCH', path: child(childId), body: patch });
  }

  setSelfFriending(childId: string, selfFriending: boolean): Promise<ChildProfile> {
    return this.http.json({
      method: 'PUT',
      path: `${child(childId)}/settings`,
      body: { selfFriending },
    });
  }

  async setPin(childId: string, pin: string): Promise<void> {
    await this.http.json({ method: 'PUT', path: `${child(childId)}/pin`, body: { pin } });
  }

  /** Whether the child's PIN is set, usable, locked for a while, or needs an SMS unlock. */
  pinStatus(childId: string): Promise<PinStatus> {
    return this.get(`${child(childId)}/pin`);
  }

  /**
   * Lifts a locked PIN. A 15-minute lock needs nothing more; after ten wrong PINs (state
   * 'reverify', else 403 PIN_REVERIFY_REQUIRED) pass the code `requestPinUnlockCode` sent.
   */
  async unlockPin(childId: string, code?: string): Promise<void> {
    await this.http.json({
      method: 'POST',
      path: `${child(childId)}/pin/unlock`,
      body: code === undefined ? {} : { code },
    });
  }

  /** Sends an SMS code for `unlockPin` to this guardian's own verified number. */
  async requestPinUnlockCode(): Promise<{ expiresInSec: number }> {
    const me = await this.get<SelfProfile>('/v1/me');
    return this.http.json({
      method: 'POST',
      path: '/v1/auth/otp',
      body: { phone: me.phone ?? '', purpose: 'pin_unlock' },
      anonymous: true,
    });
  }

  createLinkCode(childId: string): Promise<LinkCode> {
    return this.http.json({ method: 'POST', path: `${child(childId)}/link-codes` });
  }

  async sessions(childId: string): Promise<SessionView[]> {
    return (await this.get<{ sessions: SessionView[] }>(`${child(childId)}/sessions`)).sessions;
  }

  async revokeSession(childId: string, sessionId: string): Promise<void> {
    await this.http.json({
      method: 'DELETE',
      path: `${child(childId)}/sessions/${enc(sessionId)}`,
    });
  }

  async contacts(childId: string): Promise<ChildContact[]> {
    return (await this.get<{ contacts: ChildContact[] }>(`${child(childId)}/contacts`)).contacts;
  }

  async removeContact(childId: string, publicId: string): Promise<void> {
    await this.http.json({
      method: 'DELETE',
      path: `${child(childId)}/contacts/${enc(publicId)}`,
    });
  }

  block(childId: string, publicId: string): Promise<BlockView> {
    return this.http.json({ method: 'POST', path: `${child(childId)}/blocks`, body: { publicId } });
  }

  async unblock(childId: string, publicId: string): Promise<void> {
    await this.http.json({ method: 'DELETE', path: `${child(childId)}/blocks/${enc(publicId)}` });
  }

  async blocks(childId: string): Promise<BlockView[]> {
    return (await this.get<{ blocks: BlockView[] }>(`${child(childId)}/blocks`)).blocks;
  }

  async conversations(childId: string): Promise<ChildConversationView[]> {
    return (
      await this.get<{ conversations: ChildConversationView[] }>(`${child(childId)}/conversations`)
    ).conversations;
  }

  async guardians(childId: string): Promise<GuardianView[]> {
    return (await this.get<{ guardians: GuardianView[] }>(`${child(childId)}/guardians`)).guardians;
  }

  inviteGuardian(childId: string, phone: string): Promise<{ id: string; expiresAt: number }> {
    return this.http.json({
      method: 'POST',
      path: `${child(childId)}/guardian-invites`,
      body: { phone },
    });
  }

  /** Invitations to become a guardian, sent to this account's phone number. */
  async invites(): Promise<GuardianInvite[]> {
    return (await this.get<{ invites: GuardianInvite[] }>('/v1/guardian-invites')).invites;
  }

  async acceptInvite(inviteId: string): Promise<void> {
    await this.http.json({ method: 'POST', path: `/v1/guardian-invites/${enc(inviteId)}/accept` });
  }

  /** Says no to an invitation: it is deleted and the inviting guardian is told. */
  async refuseInvite(inviteId: string): Promise<void> {
    await this.http.json({ method: 'POST', path: `/v1/guardian-invites/${enc(inviteId)}/refuse` });
  }

  async reports(childId: string): Promise<ReportView[]> {
    return (await this.get<{ reports: ReportView[] }>(`${child(childId)}/reports`)).reports;
  }

  /** Everything held about the child, machine-readable (P24). */
  exportChild(childId: string): Promise<DataExport> {
    return this.get(`${child(childId)}/export`);
  }

  /** Deletes the child's account and everything about it (P23); 409 LEGAL_HOLD under a hold. */
  async deleteChild(childId: string): Promise<void> {
    await this.http.json({ method: 'DELETE', path: child(childId) });
  }

  policy(): Promise<{ version: string; effectiveAt: number; url: string }> {
    return this.get('/v1/policy');
  }

  /** Appends to the history; the newest row per purpose (and child) is the one in force. */
  giveConsent(body: GiveConsentBody): Promise<ConsentView> {
    return this.http.json({ method: 'POST', path: '/v1/consents', body });
  }

  async consents(): Promise<ConsentView[]> {
    return (await this.get<{ consents: ConsentView[] }>('/v1/consents')).consents;
  }

  async notifications(): Promise<NotificationView[]> {
    return (await this.get<{ notifications: NotificationView[] }>('/v1/notifications'))
      .notifications;
  }

  async markRead(notificationId: string): Promise<void> {
    await this.http.json({ method: 'POST', path: `/v1/notifications/${enc(notificationId)}/read` });
  }

  private get<T>(path: string): Promise<T> {
    return this.http.json({ method: 'GET', path });
  }
}

const enc = encodeURIComponent;
const child = (childId: string) => `/v1/children/${enc(childId)}`;
