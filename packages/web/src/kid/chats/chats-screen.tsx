import { Route, Routes } from 'react-router';
import { ChatListScreen } from './chat-list-screen.js';
import { ChatScreen } from './chat-screen.js';

/** /kid/chats: the list, and one chat per friend at /kid/chats/<publicId>. */
export function ChatsScreen() {
  return (
    <Routes>
      <Route index element={<ChatListScreen />} />
      <Route path=":publicId" element={<ChatScreen />} />
    </Routes>
  );
}
