import type { ConsentView } from '@kidtalk/protocol';

/** Consents a guardian can change for a child at any time (P25); child_account is spent once. */
export const CHILD_CONSENTS = ['analytics', 'crash_reports'] as const;
export type ChildConsent = (typeof CHILD_CONSENTS)[number];

/**
 * Whether a consent is in force for a child: the newest record for that purpose and child
 * decides. With no record at all the answer is no: nothing is switched on by default.
 */
export function consentGranted(
  consents: readonly ConsentView[],
  childId: string,
  purpose: ChildConsent,
): boolean {
  let newest: ConsentView | undefined;
  for (const c of consents) {
    if (c.childId !== childId || c.purpose !== purpose) continue;
    if (!newest || c.createdAt >= newest.createdAt) newest = c;
  }
  return newest?.granted ?? false;
}

/** A new child's settings before anyone changes them: the most protective ones (issue 5, 9). */
export const PROTECTIVE_DEFAULTS = {
  selfFriending: false,
  analytics: false,
  crash_reports: false,
} as const;

/** Notifications newest first, unread before read when they happened at the same time. */
export function sortNotifications<T extends { createdAt: number; readAt: number | null }>(
  list: readonly T[],
): T[] {
  return [...list].sort(
    (a, b) => b.createdAt - a.createdAt || Number(a.readAt !== null) - Number(b.readAt !== null),
  );
}

/** A file name for a child's data export: the public ID and the day, nothing else. */
export function exportFileName(publicId: string, at: Date): string {
  return `kidtalk-export-${publicId}-${at.toISOString().slice(0, 10)}.json`;
}
