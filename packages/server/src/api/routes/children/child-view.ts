import type { AppContext } from '../../../context.js';
import { notFound } from '../../../errors.js';
import { serializeProfile } from '../../../services/profile-serializer.js';
import { AccountStore } from '../../../stores/account-store.js';

/**
 * After an authorized parental action the caller may be the child's device (with the PIN),
 * which then sees the same view a guardian would: a grown-up is at the screen.
 */
export async function childOrGuardianView(ctx: AppContext, childId: string) {
  const row = await new AccountStore(ctx.db.db).byId(childId);
  if (!row) throw notFound('child');
  return serializeProfile.guardian(row, await ctx.profiles.hasPin(childId));
}
