import { Type, type Static } from 'typebox';
import { Id, strict, Timestamp } from './common.js';
import { PublicCard } from './contacts.js';

/**
 * Free text with line breaks: PLAIN_TEXT's rules (no other control characters, no lone
 * surrogates, no bidi overrides) but tab, LF and CR allowed, for notes and support requests.
 */
export const MULTILINE_TEXT =
  '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F\\u202A-\\u202E\\u2066-\\u2069\\uD800-\\uDFFF]*$';

export const REPORT_CATEGORIES = [
  'harassment',
  'bullying',
  'sexual_content',
  'violence',
  'impersonation',
  'spam',
  'other',
] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

const B64url = (maxLength: number) =>
  Type.String({ minLength: 1, maxLength, pattern: '^[A-Za-z0-9_-]+$' });

/** Largest franked plaintext a report may carry (base64url characters): a message body. */
export const EVIDENCE_PLAINTEXT_MAX = 16_384;
export const EVIDENCE_MAX_ITEMS = 50;
export const REPORT_NOTE_MAX = 1000;
/** A report with 50 items of the largest plaintext fits; the route raises its body limit. */
export const REPORT_BODY_LIMIT_BYTES = 1024 * 1024;

/** One received message as `verifyReport` checks it (P26); bytes are base64url. */
export const EvidenceItem = Type.Object(
  {
    plaintext: B64url(EVIDENCE_PLAINTEXT_MAX),
    frankKey: B64url(64),
    frankTag: B64url(64),
    sender: Type.Object({ accountId: Id, deviceId: Id }, strict),
    conversationId: Id,
    serverTime: Timestamp,
    countersignature: B64url(64),
  },
  strict,
);
export type EvidenceItem = Static<typeof EvidenceItem>;

export const CreateReportBody = Type.Object(
  {
    /** The reported account: the sender named in every evidence item. */
    accountId: Id,
    category: Type.Enum(REPORT_CATEGORIES),
    note: Type.Optional(Type.String({ maxLength: REPORT_NOTE_MAX, pattern: MULTILINE_TEXT })),
    evidence: Type.Array(EvidenceItem, { minItems: 1, maxItems: EVIDENCE_MAX_ITEMS }),
    /** Also block the reported account, in the same transaction. */
    block: Type.Optional(Type.Boolean()),
  },
  strict,
);
export type CreateReportBody = Static<typeof CreateReportBody>;

export const ReportStatus = Type.Union([
  Type.Literal('open'),
  Type.Literal('actioned'),
  Type.Literal('dismissed'),
]);

/** What a reporter (or their guardian) sees: never the evidence back, and no moderator data. */
export const ReportView = Type.Object(
  {
    id: Type.String(),
    category: Type.String(),
    status: ReportStatus,
    /** The reported account's public card; null once that account is gone. */
    reported: Type.Union([PublicCard, Type.Null()]),
    blocked: Type.Boolean(),
    createdAt: Timestamp,
    /** Review due by then (15 days, P27). */
    dueAt: Timestamp,
    resolvedAt: Type.Union([Timestamp, Type.Null()]),
  },
  strict,
);
export type ReportView = Static<typeof ReportView>;
export const ReportList = Type.Object({ reports: Type.Array(ReportView) }, strict);

export const SUPPORT_BODY_MAX = 5000;

export const CreateSupportBody = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: SUPPORT_BODY_MAX, pattern: MULTILINE_TEXT }),
    // Shape only; the service checks it is a plausible address.
    contactEmail: Type.Optional(Type.String({ minLength: 3, maxLength: 254 })),
  },
  strict,
);
export type CreateSupportBody = Static<typeof CreateSupportBody>;

export const SupportRequestView = Type.Object(
  {
    id: Type.String(),
    status: Type.Union([Type.Literal('open'), Type.Literal('answered')]),
    contactEmail: Type.Union([Type.String(), Type.Null()]),
    createdAt: Timestamp,
    /** 15 working days (Monday to Friday) after the request (P33). */
    dueAt: Timestamp,
  },
  strict,
);
export type SupportRequestView = Static<typeof SupportRequestView>;
export const SupportRequestList = Type.Object({ requests: Type.Array(SupportRequestView) }, strict);
