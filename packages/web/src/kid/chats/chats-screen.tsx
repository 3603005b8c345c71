import { Route, Routes } from 'react-router';
import { useDeliveryReceipts } from '../../chat/use-delivery-receipts.js';
import { useClient } from '../../session/client-context.js';
import { ChatListScreen } from './chat-list-screen.js';
import { ChatScreen } from './chat-screen.js';
import { GroupChatScreen } from './group-chat-screen.js';
import { NewGroupScreen } from './new-group-screen.js';

/**
 * /kid/chats: the list, one chat per friend at /kid/chats/<publicId>, each group at
 * /kid/chats/groups/<conversationId>, and making a group at /kid/chats/groups/new.
 */
export function ChatsScreen() {
  const { client, session } = useClient();
  useDeliveryReceipts(client, session?.accountId ?? '');
  return (
    <Routes>
      <Route index element={<ChatListScreen />} />
      <Route path=":publicId" element={<ChatScreen />} />
      <Route path="groups/new" element={<NewGroupScreen />} />
      <Route path="groups/:conversationId" element={<GroupChatScreen />} />
    </Routes>
  );
}
