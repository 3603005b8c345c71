import type { DeviceInfo, SignInBody } from '@kidtalk/protocol';
import { ErrorCode } from '@kidtalk/protocol';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { DomainError } from '../errors.js';
import { keyedHash, newId } from '../security/tokens.js';
import { AccountStore } from '../stores/account-store.js';
import { LinkCodeStore } from '../stores/link-code-store.js';
import type { NotificationService } from './notification-service.js';
import type { OtpService } from './otp-service.js';
import { allocatePublicId } from './public-id.js';
import type { SessionService } from './session-service.js';

export interface OpenedSession {
  token: string;
  sessionId: string;
  accountId: string;
  created: boolean;
}

export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly otp: OtpService,
    private readonly sessions: SessionService,
    private readonly notifications: NotificationService,
    private readonly codeKey: Buffer,
  ) {}

  /** One flow for sign-up and sign-in: the verified phone number is the adult's identity. */
  async signIn(phone: string, body: SignInBody, ip: string): Promise<OpenedSession> {
    await this.otp.verify(phone, 'sign_in', body.code, ip);
    const opened = await this.db.transaction(async (tx) => {
      const accounts = new AccountStore(tx);
      let account = await accounts.byPhone(phone);
      let created = false;
      if (!account) {
        if (!body.displayName) {
          throw new DomainError(
            ErrorCode.DisplayNameRequired,
            'a display name is needed to sign up',
          );
        }
        const now = this.clock.now();
        const id = newId();
        await accounts.insert({
          id,
          kind: 'adult',
          public_id: await allocatePublicId(tx),
          display_name: body.displayName,
          avatar_builtin: 'owl',
          avatar_blob_id: null,
          phone_e164: phone,
          country: null,
          gender: null,
          birthday: null,
          self_friending: 0,
          status: 'active',
          created_at: now,
          updated_at: now,
        });
        account = await accounts.byId(id);
        created = true;
      }
      if (!account || account.status !== 'active') {
        throw new DomainError(ErrorCode.Forbidden, 'this account cannot sign in');
      }
      const s = await this.sessions.open(tx, account.id, body.device, ip);
      return { token: s.token, sessionId: s.sessionId, accountId: account.id, created };
    });
    this.sessions.onDevicesChanged?.(opened.accountId);
    return opened;
  }

  /** Redeems a guardian's one-time link code: the device signs in as the child. */
  async linkDevice(code: string, device: DeviceInfo, ip: string): Promise<OpenedSession> {
    const opened = await this.db.transaction(async (tx) => {
      const codes = new LinkCodeStore(tx);
      const hash = keyedHash(this.codeKey, `link:${code}`);
      const row = await codes.get(hash);
      const now = this.clock.now();
      if (
        !row ||
        row.used_at !== null ||
        row.expires_at <= now ||
        !(await codes.spend(hash, now))
      ) {
        throw new DomainError(ErrorCode.CodeInvalid, 'the link code is wrong or no longer valid');
      }
      const s = await this.sessions.open(tx, row.child_id, device, ip);
      await this.notifications.notifyGuardians(tx, row.child_id, 'device.linked', {
        os: device.os,
        model: device.model,
      });
      return { token: s.token, sessionId: s.sessionId, accountId: row.child_id, created: false };
    });
    this.sessions.onDevicesChanged?.(opened.accountId);
    return opened;
  }
}
