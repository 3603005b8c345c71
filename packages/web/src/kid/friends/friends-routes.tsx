import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { NotFound } from '../../shell/not-found.js';
import { AddFriend } from './add-friend.js';
import { ContactSettings } from './contact-settings.js';
import { FriendsScreen } from './friends-screen.js';
import './kid-screens.css';

const ReportFlow = lazy(() =>
  import('../report/report-flow.js').then((m) => ({ default: m.ReportFlow })),
);

/**
 * /kid/friends: the list and requests, adding a friend, and each contact's settings (report,
 * block). A chat can link a contact's avatar to `/kid/friends/<publicId>`.
 */
export function FriendsRoutes() {
  return (
    <Routes>
      <Route path="" element={<FriendsScreen />} />
      <Route path="add" element={<AddFriend />} />
      <Route path=":publicId" element={<ContactSettings />} />
      <Route path=":publicId/report" element={<ReportFlow />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
