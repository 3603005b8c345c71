import type { FrankedReport } from '@kidtalk/crypto';
import { verifyReport } from '@kidtalk/crypto';
import type { CreateReportBody, EvidenceItem, ReportView } from '@kidtalk/protocol';
import { ErrorCode } from '@kidtalk/protocol';
import type { Clock } from '../clock.js';
import { DAY } from '../clock.js';
import type { Database } from '../db/database.js';
import { DomainError } from '../errors.js';
import { newId } from '../security/tokens.js';
import { AccountStore } from '../stores/account-store.js';
import { BlockStore } from '../stores/block-store.js';
import { ConversationStore } from '../stores/conversation-store.js';
import type { ReportRow } from '../stores/report-store.js';
import { ReportStore } from '../stores/report-store.js';
import type { AuthContext } from './auth-context.js';
import type { ContactService } from './contact-service.js';
import type { NotificationService } from './notification-service.js';
import { serializeProfile } from './profile-serializer.js';

/** Every report is reviewed, and the reporter told the outcome, within 15 days (P27). */
export const REPORT_REVIEW_MS = 15 * DAY;

const evidenceInvalid = (why: string) => new DomainError(ErrorCode.EvidenceInvalid, why);

/**
 * Reports with franked evidence (P13, P26). Who may be reported: any account the reporter has
 * received messages from in a conversation the reporter is a member of now. The evidence is
 * what proves it: every item must verify against the server's franking key, name the reported
 * account as its sender, and come from a conversation the reporter belongs to, or nothing is
 * stored. One answer (EVIDENCE_INVALID) covers all three, so a report cannot probe which
 * conversations or accounts exist.
 */
export class ReportService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly frankingKey: Uint8Array,
    private readonly contacts: ContactService,
    private readonly notifications: NotificationService,
  ) {}

  async create(auth: AuthContext, body: CreateReportBody): Promise<ReportView> {
    for (const item of body.evidence) this.verify(item, body.accountId);
    const now = this.clock.now();
    const { row, reported, blocked } = await this.db.transaction(async (tx) => {
      const conversations = new ConversationStore(tx);
      for (const conv of new Set(body.evidence.map((e) => e.conversationId))) {
        if (!(await conversations.isMember(conv, auth.accountId))) {
          throw evidenceInvalid('the reporter is not in that conversation');
        }
      }
      const accounts = new AccountStore(tx);
      const reported = await accounts.byId(body.accountId);
      if (!reported || reported.id === auth.accountId) {
        throw evidenceInvalid('evidence names no account that can be reported');
      }
      const row: ReportRow = {
        id: newId(),
        reporter_id: auth.accountId,
        reported_id: reported.id,
        category: body.category,
        // The reporter chose to disclose these messages; they are kept verified, as sent.
        evidence: JSON.stringify({ note: body.note ?? null, items: body.evidence }),
        status: 'open',
        due_at: now + REPORT_REVIEW_MS,
        resolved_at: null,
        created_at: now,
      };
      await new ReportStore(tx).insert(row);
      if (body.block && reported.status === 'active') {
        await this.contacts.blockInTx(tx, auth.accountId, reported.public_id);
      }
      const reporter = await accounts.byId(auth.accountId);
      if (reporter?.kind === 'child') {
        await this.notifications.notifyGuardians(tx, auth.accountId, 'report.filed', {
          reportId: row.id,
          category: row.category,
          publicId: reported.public_id,
          displayName: reported.display_name,
          blocked: body.block === true,
        });
      }
      const blocked = await new BlockStore(tx).blocks(auth.accountId, reported.id);
      return { row, reported, blocked };
    });
    if (body.block && blocked) await this.contacts.blocked(auth.accountId, reported.id);
    return toView(row, serializeProfile.card(reported), blocked);
  }

  /** The reporter's own reports (or a child's, for a guardian): status and 15-day clock. */
  async list(reporterId: string): Promise<ReportView[]> {
    const rows = await new ReportStore(this.db.db).byReporter(reporterId);
    const accounts = await new AccountStore(this.db.db).byIds([
      ...new Set(rows.map((r) => r.reported_id)),
    ]);
    const blocks = new BlockStore(this.db.db);
    return Promise.all(
      rows.map(async (r) => {
        const a = accounts.find((x) => x.id === r.reported_id);
        return toView(
          r,
          a ? serializeProfile.card(a) : null,
          await blocks.blocks(reporterId, r.reported_id),
        );
      }),
    );
  }

  private verify(item: EvidenceItem, reportedId: string): void {
    if (item.sender.accountId !== reportedId) {
      throw evidenceInvalid('every item must be a message the reported account sent');
    }
    const report: FrankedReport = {
      plaintext: bytes(item.plaintext),
      frankKey: bytes(item.frankKey),
      frankTag: bytes(item.frankTag),
      sender: item.sender,
      conversationId: item.conversationId,
      serverTime: item.serverTime,
      countersignature: bytes(item.countersignature),
    };
    try {
      verifyReport(this.frankingKey, report);
    } catch {
      throw evidenceInvalid('the evidence does not verify');
    }
  }
}

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'base64url'));

function toView(r: ReportRow, reported: ReportView['reported'], blocked: boolean): ReportView {
  return {
    id: r.id,
    category: r.category,
    status: r.status,
    reported,
    blocked,
    createdAt: r.created_at,
    dueAt: r.due_at,
    resolvedAt: r.resolved_at,
  };
}
