import type { AppContext } from '../../../context.js';
import type { KidTalkApp } from '../../types.js';
import { registerCreateReport } from '../reports/create-report.js';
import { registerListChildReports } from '../reports/list-child-reports.js';
import { registerListReports } from '../reports/list-reports.js';
import { registerCreateSupportRequest } from '../support/create-support-request.js';
import { registerListSupportRequests } from '../support/list-support-requests.js';
import { registerDeleteChild } from './delete-child.js';
import { registerDeleteMe } from './delete-me.js';
import { registerExportChild } from './export-child.js';
import { registerExportMe } from './export-me.js';

/** Reports, support requests, export and deletion: the safety and data-rights routes (issue 5). */
export function registerDataRightsRoutes(app: KidTalkApp, ctx: AppContext): void {
  registerCreateReport(app, ctx);
  registerListReports(app, ctx);
  registerListChildReports(app, ctx);
  registerCreateSupportRequest(app, ctx);
  registerListSupportRequests(app, ctx);
  registerExportChild(app, ctx);
  registerExportMe(app, ctx);
  registerDeleteChild(app, ctx);
  registerDeleteMe(app, ctx);
}
