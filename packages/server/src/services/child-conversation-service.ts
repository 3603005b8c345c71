import type { ChildConversationView } from '@kidtalk/protocol';
import type { Database } from '../db/database.js';
import { AccountStore } from '../stores/account-store.js';
import { ConversationStore } from '../stores/conversation-store.js';
import { InteractionStore } from '../stores/interaction-store.js';
import { serializeProfile } from './profile-serializer.js';
import type { ProfileService } from './profile-service.js';

/**
 * What a guardian sees of their child's conversations (P7, P16): who, never what. Members are
 * shown exactly as a contact sees them, with the interaction counts between them and the child.
 * The caller has already checked that the viewer is a guardian of the child.
 */
export class ChildConversationService {
  constructor(
    private readonly db: Database,
    private readonly profiles: ProfileService,
  ) {}

  async list(childId: string): Promise<ChildConversationView[]> {
    const store = new ConversationStore(this.db.db);
    const convs = await store.listFor(childId);
    const members = await store.members(convs.map((c) => c.id));
    const rows = await new AccountStore(this.db.db).byIds([
      ...new Set(members.map((m) => m.account_id)),
    ]);
    const counts = await new InteractionStore(this.db.db).between(childId);
    const viewOf = new Map(
      await Promise.all(
        rows.map(async (a) => {
          const view = {
            ...serializeProfile.contact(a, await this.profiles.isOnline(a.id)),
            interactions: a.id === childId ? null : counts.summary(a.id),
          };
          return [a.id, view] as const;
        }),
      ),
    );
    return convs.map((c) => ({
      id: c.id,
      kind: c.kind,
      createdAt: c.created_at,
      members: members.flatMap((m) => {
        const view = m.conversation_id === c.id ? viewOf.get(m.account_id) : undefined;
        return view ? [view] : [];
      }),
    }));
  }
}
