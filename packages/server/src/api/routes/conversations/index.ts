import type { AppContext } from '../../../context.js';
import type { KidTalkApp } from '../../types.js';
import { registerAddMembers } from './add-members.js';
import { registerClaimKeyPackages } from './claim-key-packages.js';
import { registerCountKeyPackages } from './count-key-packages.js';
import { registerCreateConversation } from './create-conversation.js';
import { registerGetConversation } from './get-conversation.js';
import { registerGetGroupInfo } from './get-group-info.js';
import { registerGetServerKey } from './get-server-key.js';
import { registerIssueCredential } from './issue-credential.js';
import { registerListConversations } from './list-conversations.js';
import { registerPostCommit } from './post-commit.js';
import { registerPostExternalCommit } from './post-external-commit.js';
import { registerRemoveMember } from './remove-member.js';
import { registerUploadKeyPackages } from './upload-key-packages.js';

/**
 * Every route of this area, one file per method, registered in this order. The area is the
 * MLS delivery service as a whole: credentials, the KeyPackage directory, conversations.
 */
const ROUTES: ((app: KidTalkApp, ctx: AppContext) => void)[] = [
  registerGetServerKey,
  registerIssueCredential,
  registerUploadKeyPackages,
  registerCountKeyPackages,
  registerClaimKeyPackages,
  registerCreateConversation,
  registerListConversations,
  registerGetConversation,
  registerAddMembers,
  registerRemoveMember,
  registerPostCommit,
  registerGetGroupInfo,
  registerPostExternalCommit,
];

export function registerConversationsRoutes(app: KidTalkApp, ctx: AppContext): void {
  for (const register of ROUTES) register(app, ctx);
}
