import type {
  ChildProfile,
  DataExport,
  ElevatedAction,
  SelfProfile,
  SessionView,
  UpdateChildBody,
  UpdateMeBody,
} from '@kidtalk/protocol';
import { ELEVATION_HEADER } from '@kidtalk/protocol';
import type { HttpClient } from './http-client.js';

export interface Elevation {
  elevationToken: string;
  action: ElevatedAction;
  expiresAt: number;
}

/**
 * The signed-in account: profile, devices, and, on a child's device, the parental PIN that
 * turns into a single-use elevation for one named action (P6), then that action.
 */
export class AccountApi {
  constructor(
    private readonly http: HttpClient,
    private readonly me: () => string,
  ) {}

  profile(): Promise<SelfProfile> {
    return this.http.json({ method: 'GET', path: '/v1/me' });
  }

  /** An adult corrects their own name or picks a built-in picture; a child's goes by a guardian. */
  updateProfile(body: UpdateMeBody): Promise<SelfProfile> {
    return this.http.json({ method: 'PATCH', path: '/v1/me', body });
  }

  /** This account's signed-in devices; `current` marks this one. */
  async sessions(): Promise<SessionView[]> {
    return (
      await this.http.json<{ sessions: SessionView[] }>({ method: 'GET', path: '/v1/sessions' })
    ).sessions;
  }

  async revokeSession(sessionId: string): Promise<void> {
    await this.http.json({ method: 'DELETE', path: `/v1/sessions/${enc(sessionId)}` });
  }

  /**
   * A grown-up typed the PIN on the child's device: a token for exactly one action, valid a
   * few minutes. PIN_INVALID, PIN_LOCKED (retryAfterSec) or PIN_REVERIFY_REQUIRED otherwise.
   */
  elevate(pin: string, action: ElevatedAction): Promise<Elevation> {
    return this.http.json({
      method: 'POST',
      path: `/v1/children/${enc(this.me())}/pin/check`,
      body: { pin, action },
    });
  }

  /** On the child's device, with a 'profile.update' elevation. */
  updateChildProfile(body: UpdateChildBody, elevation: string): Promise<ChildProfile> {
    return this.http.json({
      method: 'PATCH',
      path: `/v1/children/${enc(this.me())}`,
      body,
      headers: { [ELEVATION_HEADER]: elevation },
    });
  }

  /** Deletes this child account and everything about it (P23), with an 'account.delete' elevation. */
  async deleteChildAccount(elevation: string): Promise<void> {
    await this.http.json({
      method: 'DELETE',
      path: `/v1/children/${enc(this.me())}`,
      headers: { [ELEVATION_HEADER]: elevation },
    });
  }

  /** An adult's own data as machine-readable JSON (P24); a child's comes from a guardian. */
  exportMe(): Promise<DataExport> {
    return this.http.json({ method: 'GET', path: '/v1/me/export' });
  }

  /**
   * Deletes this adult account and everything about it (P23). 409 SOLE_GUARDIAN while the
   * adult is a child's only guardian, 409 LEGAL_HOLD under a hold. The session ends with it.
   */
  async deleteMe(): Promise<void> {
    await this.http.json({ method: 'DELETE', path: '/v1/me' });
  }
}

const enc = encodeURIComponent;
