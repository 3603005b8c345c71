import type { AppContext } from '../../../context.js';
import type { KidTalkApp } from '../../types.js';

/** Every route of this area, one file per method, registered in this order. */
const ROUTES: ((app: KidTalkApp, ctx: AppContext) => void)[] = [];

export function registerContactsRoutes(app: KidTalkApp, ctx: AppContext): void {
  for (const register of ROUTES) register(app, ctx);
}
