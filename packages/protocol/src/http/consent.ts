import { Type, type Static } from 'typebox';
import { Id, strict, Timestamp } from './common.js';

export const CONSENT_PURPOSES = ['child_account', 'analytics', 'crash_reports'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const GiveConsentBody = Type.Object(
  {
    purpose: Type.Enum(CONSENT_PURPOSES),
    granted: Type.Boolean(),
    policyVersion: Type.String({ minLength: 1, maxLength: 32 }),
    childId: Type.Optional(Id),
  },
  strict,
);
export type GiveConsentBody = Static<typeof GiveConsentBody>;

export const ConsentView = Type.Object(
  {
    id: Type.String(),
    purpose: Type.String(),
    granted: Type.Boolean(),
    policyVersion: Type.String(),
    childId: Type.Union([Type.String(), Type.Null()]),
    createdAt: Timestamp,
  },
  strict,
);
export type ConsentView = Static<typeof ConsentView>;
export const ConsentList = Type.Object({ consents: Type.Array(ConsentView) }, strict);

export const PolicyView = Type.Object(
  { version: Type.String(), effectiveAt: Timestamp, url: Type.String() },
  strict,
);
