import { Route, Routes } from 'react-router';
import { useDeliveryReceipts } from '../../chat/use-delivery-receipts.js';
import { useClient } from '../../session/client-context.js';
import { ChatListScreen } from './chat-list-screen.js';
import { ChatScreen } from './chat-screen.js';

/** /kid/chats: the list, and one chat per friend at /kid/chats/<publicId>. */
export function ChatsScreen() {
  const { client, session } = useClient();
  useDeliveryReceipts(client, session?.accountId ?? '');
  return (
    <Routes>
      <Route index element={<ChatListScreen />} />
      <Route path=":publicId" element={<ChatScreen />} />
    </Routes>
  );
}
