import type { AppContext } from '../../../context.js';
import type { KidTalkApp } from '../../types.js';
import { registerCreateAttachment } from './create-attachment.js';
import { registerGetAttachment } from './get-attachment.js';
import { registerUploadAttachment } from './upload-attachment.js';

/** Every route of this area, one file per method, registered in this order. */
const ROUTES: ((app: KidTalkApp, ctx: AppContext) => void)[] = [
  registerCreateAttachment,
  registerUploadAttachment,
  registerGetAttachment,
];

export function registerAttachmentsRoutes(app: KidTalkApp, ctx: AppContext): void {
  for (const register of ROUTES) register(app, ctx);
}
