import type {
  CreateReportBody,
  CreateSupportBody,
  EvidenceItem,
  ReportView,
  SupportRequestView,
} from '@kidtalk/protocol';
import type { HttpClient } from './http-client.js';
import type { ReceivedMessage } from './types.js';

/**
 * Reports with franked evidence (P13, P26, P27) and support requests (P10, P33). The evidence
 * is built from messages this device stored as received: the server checks each one really
 * came from the reported account, so only their own messages can go in.
 */
export class SafetyApi {
  constructor(private readonly http: HttpClient) {}

  /** Refused whole (EVIDENCE_INVALID) if any item does not verify. */
  report(body: CreateReportBody): Promise<ReportView> {
    return this.http.json({ method: 'POST', path: '/v1/reports', body });
  }

  /** My reports, each with its status and the 15-day review clock (`dueAt`). */
  async reports(): Promise<ReportView[]> {
    return (await this.http.json<{ reports: ReportView[] }>({ method: 'GET', path: '/v1/reports' }))
      .reports;
  }

  /** A support or feedback request; `dueAt` is 15 working days out. */
  support(body: CreateSupportBody): Promise<SupportRequestView> {
    return this.http.json({ method: 'POST', path: '/v1/support', body });
  }

  async supportRequests(): Promise<SupportRequestView[]> {
    return (
      await this.http.json<{ requests: SupportRequestView[] }>({
        method: 'GET',
        path: '/v1/support',
      })
    ).requests;
  }
}

/** One received message as report evidence: exactly what `verifyReport` checks. */
export function reportEvidence(m: ReceivedMessage): EvidenceItem {
  return {
    plaintext: m.franking.plaintext,
    frankKey: m.franking.frankKey,
    frankTag: m.franking.frankTag,
    sender: { accountId: m.senderAccountId, deviceId: m.senderDeviceId },
    conversationId: m.conversationId,
    serverTime: m.franking.serverTime,
    countersignature: m.franking.countersig,
  };
}
