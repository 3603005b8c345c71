import type { AppContext } from '../../../context.js';
import type { KidTalkApp } from '../../types.js';
import { registerAcceptFriendRequest } from './accept-friend-request.js';
import { registerApproveChildFriendRequest } from './approve-child-friend-request.js';
import { registerBlockAccount } from './block-account.js';
import { registerBlockForChild } from './block-for-child.js';
import { registerCancelFriendRequest } from './cancel-friend-request.js';
import { registerDeclineFriendRequest } from './decline-friend-request.js';
import { registerDenyChildFriendRequest } from './deny-child-friend-request.js';
import { registerListBlocks } from './list-blocks.js';
import { registerListChildBlocks } from './list-child-blocks.js';
import { registerListChildContacts } from './list-child-contacts.js';
import { registerListChildFriendRequests } from './list-child-friend-requests.js';
import { registerListContacts } from './list-contacts.js';
import { registerListFriendRequests } from './list-friend-requests.js';
import { registerLookupUser } from './lookup-user.js';
import { registerRemoveChildContact } from './remove-child-contact.js';
import { registerRemoveContact } from './remove-contact.js';
import { registerSendFriendRequest } from './send-friend-request.js';
import { registerUnblockAccount } from './unblock-account.js';
import { registerUnblockForChild } from './unblock-for-child.js';

/** Every route of this area, one file per method, registered in this order. */
const ROUTES: ((app: KidTalkApp, ctx: AppContext) => void)[] = [
  registerLookupUser,
  registerSendFriendRequest,
  registerListFriendRequests,
  registerAcceptFriendRequest,
  registerDeclineFriendRequest,
  registerCancelFriendRequest,
  registerListContacts,
  registerRemoveContact,
  registerBlockAccount,
  registerUnblockAccount,
  registerListBlocks,
  registerListChildFriendRequests,
  registerApproveChildFriendRequest,
  registerDenyChildFriendRequest,
  registerListChildContacts,
  registerRemoveChildContact,
  registerBlockForChild,
  registerUnblockForChild,
  registerListChildBlocks,
];

export function registerContactsRoutes(app: KidTalkApp, ctx: AppContext): void {
  for (const register of ROUTES) register(app, ctx);
}
