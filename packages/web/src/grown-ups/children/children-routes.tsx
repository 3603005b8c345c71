import type { ChildProfile } from '@kidtalk/protocol';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useParams } from 'react-router';
import { useClient } from '../../session/client-context.js';
import { NotFound } from '../../shell/not-found.js';
import { LoadView } from '../status.js';
import { useLoad } from '../use-load.js';
import { ChildContext } from './child-context.js';
import { ChildHome } from './child-home.js';
import { ChildrenList } from './children-list.js';
import { CreateChild } from './create-child.js';
import { ConsentsSection } from './sections/consents-section.js';
import { ContactsSection } from './sections/contacts-section.js';
import { ConversationsSection } from './sections/conversations-section.js';
import { DataSection } from './sections/data-section.js';
import { DevicesSection } from './sections/devices-section.js';
import { GuardiansSection } from './sections/guardians-section.js';
import { PinSection } from './sections/pin-section.js';
import { ProfileSection } from './sections/profile-section.js';
import { ReportsSection } from './sections/reports-section.js';
import { SettingsSection } from './sections/settings-section.js';

/** One child's screens share the loaded profile; a change anywhere shows everywhere. */
function ChildArea() {
  const { t } = useTranslation();
  const { client } = useClient();
  const { childId = '' } = useParams();
  const { loaded, reload, set } = useLoad<ChildProfile | null>(async () => {
    try {
      return await client.guardian.child(childId);
    } catch (err) {
      if ((err as { code?: string }).code === 'NOT_FOUND') return null;
      throw err;
    }
  }, [client, childId]);
  return (
    <LoadView loaded={loaded} reload={reload}>
      {(child) => {
        if (!child) return <p role="alert">{t('grownUpScreens.common.notFound')}</p>;
        return (
          <ChildContext value={{ child, update: set, reload }}>
            <Routes>
              <Route index element={<ChildHome />} />
              <Route path="profile" element={<ProfileSection />} />
              <Route path="pin" element={<PinSection />} />
              <Route path="devices" element={<DevicesSection />} />
              <Route path="contacts" element={<ContactsSection />} />
              <Route path="settings" element={<SettingsSection />} />
              <Route path="guardians" element={<GuardiansSection />} />
              <Route path="conversations" element={<ConversationsSection />} />
              <Route path="reports" element={<ReportsSection />} />
              <Route path="consents" element={<ConsentsSection />} />
              <Route path="data" element={<DataSection />} />
              <Route path="*" element={<NotFound />} />
            </Routes>
          </ChildContext>
        );
      }}
    </LoadView>
  );
}

/** Under /grown-ups/children: the list, a new child, and each child's screens. */
export function ChildrenRoutes() {
  return (
    <Routes>
      <Route index element={<ChildrenList />} />
      <Route path="new" element={<CreateChild />} />
      <Route path=":childId/*" element={<ChildArea />} />
    </Routes>
  );
}
