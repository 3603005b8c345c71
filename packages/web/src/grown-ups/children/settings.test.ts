import type { ConsentView } from '@kidtalk/protocol';
import { describe, expect, it } from 'vitest';
import {
  consentGranted,
  exportFileName,
  PROTECTIVE_DEFAULTS,
  sortNotifications,
} from './settings.js';

const consent = (p: Partial<ConsentView>): ConsentView => ({
  id: 'x',
  purpose: 'analytics',
  granted: true,
  policyVersion: '2026-01-01',
  childId: 'kid',
  createdAt: 1,
  ...p,
});

describe('consentGranted', () => {
  it('is no when nothing was ever recorded', () => {
    expect(consentGranted([], 'kid', 'analytics')).toBe(false);
    expect(consentGranted([], 'kid', 'crash_reports')).toBe(false);
  });

  it('follows the newest record for that purpose and child', () => {
    const list = [
      consent({ granted: true, createdAt: 1 }),
      consent({ granted: false, createdAt: 3 }),
      consent({ granted: true, createdAt: 2 }),
    ];
    expect(consentGranted(list, 'kid', 'analytics')).toBe(false);
    expect(consentGranted([...list, consent({ createdAt: 4 })], 'kid', 'analytics')).toBe(true);
  });

  it('ignores other children, other purposes and consents without a child', () => {
    const list = [
      consent({ childId: 'other' }),
      consent({ purpose: 'crash_reports' }),
      consent({ childId: null }),
    ];
    expect(consentGranted(list, 'kid', 'analytics')).toBe(false);
    expect(consentGranted(list, 'kid', 'crash_reports')).toBe(true);
  });
});

describe('defaults', () => {
  it('are the most protective: everything off', () => {
    expect(Object.values(PROTECTIVE_DEFAULTS).every((v) => v === false)).toBe(true);
  });
});

describe('sortNotifications', () => {
  it('puts the newest first, unread before read at the same time', () => {
    const list = [
      { id: 'a', createdAt: 1, readAt: null },
      { id: 'b', createdAt: 5, readAt: 6 },
      { id: 'c', createdAt: 5, readAt: null },
    ];
    expect(sortNotifications(list).map((n) => n.id)).toEqual(['c', 'b', 'a']);
  });
});

describe('exportFileName', () => {
  it('names the child by public ID and the day only', () => {
    expect(exportFileName('ABC234XYZ', new Date('2026-11-29T23:00:00Z'))).toBe(
      'kidtalk-export-ABC234XYZ-2026-11-29.json',
    );
  });
});
