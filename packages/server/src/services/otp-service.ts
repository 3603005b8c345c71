import type { OtpPurpose } from '@kidtalk/protocol';
import { ErrorCode } from '@kidtalk/protocol';
import type { Clock } from '../clock.js';
import { HOUR, MINUTE } from '../clock.js';
import type { Database } from '../db/database.js';
import { DomainError, rateLimited } from '../errors.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import { keyedHash, hashesEqual, newId, newNumericCode } from '../security/tokens.js';
import type { SmsProvider } from '../sms/sms-provider.js';
import { OtpStore } from '../stores/otp-store.js';

export const OTP_TTL_MS = 10 * MINUTE;
export const OTP_MAX_ATTEMPTS = 5;
export const OTP_RULES = {
  perPhone: { name: 'otp-send-phone', limit: 3, windowMs: HOUR },
  perIp: { name: 'otp-send-ip', limit: 20, windowMs: HOUR },
  verifyPerIp: { name: 'otp-verify-ip', limit: 60, windowMs: HOUR },
};

const TEXT: Record<OtpPurpose, (code: string) => string> = {
  sign_in: (c) =>
    `【KidTalk】验证码 ${c},10 分钟内有效,请勿告诉他人。Your KidTalk code is ${c}. It expires in 10 minutes; never share it.`,
  pin_unlock: (c) =>
    `【KidTalk】解锁家长密码的验证码 ${c},10 分钟内有效。Your code to unlock your child's parental PIN is ${c}. It expires in 10 minutes.`,
};

export class OtpService {
  constructor(
    private readonly db: Database,
    private readonly sms: SmsProvider,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    private readonly key: Buffer,
  ) {}

  /** `deliver` is false when the number must not get a code but must not learn why either. */
  async send(phone: string, purpose: OtpPurpose, ip: string, deliver = true): Promise<number> {
    await this.limit(OTP_RULES.perIp, ip);
    await this.limit(OTP_RULES.perPhone, keyedHash(this.key, phone));
    if (!deliver) return OTP_TTL_MS / 1000;
    const code = newNumericCode(6);
    const now = this.clock.now();
    await new OtpStore(this.db.db).replace({
      id: newId(),
      phone_e164: phone,
      purpose,
      code_hash: keyedHash(this.key, `${phone}:${purpose}:${code}`),
      attempts: 0,
      expires_at: now + OTP_TTL_MS,
      consumed_at: null,
      created_at: now,
    });
    await this.sms.send(phone, TEXT[purpose](code));
    return OTP_TTL_MS / 1000;
  }

  /**
   * Spends the code or throws. Wrong guesses are counted outside any caller transaction,
   * so a failed sign-in cannot roll its own attempt count back.
   */
  async verify(phone: string, purpose: OtpPurpose, code: string, ip: string): Promise<void> {
    await this.limit(OTP_RULES.verifyPerIp, ip);
    const store = new OtpStore(this.db.db);
    const row = await store.latest(phone, purpose);
    const now = this.clock.now();
    if (!row || row.attempts >= OTP_MAX_ATTEMPTS) {
      throw new DomainError(ErrorCode.CodeInvalid, 'the code is wrong or no longer valid');
    }
    if (row.expires_at <= now) throw new DomainError(ErrorCode.CodeExpired, 'the code has expired');
    const expected = keyedHash(this.key, `${phone}:${purpose}:${code}`);
    if (!hashesEqual(expected, row.code_hash)) {
      await store.countAttempt(row.id);
      throw new DomainError(ErrorCode.CodeInvalid, 'the code is wrong or no longer valid');
    }
    if (!(await store.consume(row.id, now))) {
      throw new DomainError(ErrorCode.CodeInvalid, 'the code is wrong or no longer valid');
    }
  }

  private async limit(rule: (typeof OTP_RULES)['perIp'], key: string): Promise<void> {
    const d = await this.limiter.consume(rule, key);
    if (!d.allowed) throw rateLimited(d.retryAfterSec);
  }
}
