import type { ReportCategory } from '@kidtalk/protocol';
import { REPORT_CATEGORIES } from '@kidtalk/protocol';

/** A picture beside each kind of report; the words carry the meaning (P26). */
export const CATEGORY_PICTURES: Record<ReportCategory, string> = {
  harassment: '😠',
  bullying: '😢',
  sexual_content: '🙈',
  violence: '👊',
  impersonation: '🎭',
  spam: '📢',
  other: '❓',
};

export { REPORT_CATEGORIES };
export type { ReportCategory };

export const isReportCategory = (c: string): c is ReportCategory =>
  (REPORT_CATEGORIES as readonly string[]).includes(c);
