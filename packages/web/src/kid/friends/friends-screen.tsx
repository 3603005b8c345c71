import type { ContactProfile, FriendRequestView } from '@kidtalk/protocol';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useClient } from '../../session/client-context.js';
import { Loading } from '../../shell/loading.js';
import { Button } from '../../ui/button.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Screen } from '../../ui/screen.js';
import { FriendRequests } from './friend-requests.js';
import type { GrownUpCheckProps } from '../account/grown-up-check.js';
import { GrownUpCheck } from '../account/grown-up-check.js';
import { ProfilePicture } from '../../ui/profile-picture.js';
import { useLoad } from './use-load.js';

interface FriendsData {
  contacts: ContactProfile[];
  requests: FriendRequestView[];
}

/** Name, picture, ID and online status: exactly what a contact shares (P20), nothing more. */
function FriendItem({ contact, online }: { contact: ContactProfile; online: boolean }) {
  const { t } = useTranslation();
  return (
    <li>
      <Link
        className="kt-ks-item"
        to={`/kid/friends/${contact.publicId}`}
        data-testid={`friend-${contact.publicId}`}
        aria-label={`${t('kidScreens.friends.openSettings', { name: contact.displayName })}, ${
          online ? t('kidScreens.friends.online') : t('kidScreens.friends.offline')
        }`}
      >
        <ProfilePicture name={contact.displayName} avatar={contact.avatar} />
        <span className="kt-ks-item__text">
          <span className="kt-ks-item__name">{contact.displayName}</span>
          <span className="kt-ks-item__meta kt-ks-id">
            {t('kidScreens.friends.publicId', { id: contact.publicId })}
          </span>
        </span>
        <span className="kt-ks-status" data-testid={`presence-${contact.publicId}`}>
          <span aria-hidden="true" className={online ? 'kt-ks-dot kt-ks-dot--on' : 'kt-ks-dot'} />
          {online ? t('kidScreens.friends.online') : t('kidScreens.friends.offline')}
        </span>
      </Link>
    </li>
  );
}

export function FriendsScreen() {
  const { t } = useTranslation();
  const { client, session } = useClient();
  const [load, reload] = useLoad<FriendsData>(async () => {
    const [contacts, requests] = await Promise.all([
      client.contacts.list(),
      client.contacts.requests(),
    ]);
    return { contacts, requests };
  }, session?.accountId ?? '');
  // Live presence from the socket, over what the list said when it loaded.
  const [presence, setPresence] = useState<Record<string, boolean>>({});
  useEffect(
    () => client.on('presence', (e) => setPresence((p) => ({ ...p, [e.publicId]: e.online }))),
    [client],
  );

  const [check, setCheck] = useState<GrownUpCheckProps>();
  if (check) return <GrownUpCheck {...check} />;

  return (
    <Screen title={t('kidScreens.friends.title')}>
      <div className="kt-stack">
        <div className="kt-row">
          <Link className="kt-button kt-button--primary" to="/kid/friends/add">
            <span className="kt-button__icon" aria-hidden="true">
              ➕
            </span>
            <span>{t('kidScreens.friends.add')}</span>
          </Link>
        </div>
        {load.state === 'loading' ? <Loading /> : null}
        {load.state === 'failed' ? (
          <>
            <ErrorMessage error={t('kidScreens.friends.loadFailed')} />
            <Button variant="secondary" onClick={reload}>
              {t('kidScreens.common.retry')}
            </Button>
          </>
        ) : null}
        {load.state === 'ready' ? (
          <>
            <FriendRequests
              requests={load.data.requests}
              onChanged={reload}
              askGrownUp={setCheck}
            />
            <section className="kt-ks-section" aria-labelledby="kt-ks-friends">
              <h2 id="kt-ks-friends">{t('kidScreens.friends.listLabel')}</h2>
              {load.data.contacts.length === 0 ? (
                <p>{t('kidScreens.friends.empty')}</p>
              ) : (
                <ul className="kt-ks-list" data-testid="friend-list">
                  {load.data.contacts.map((c) => (
                    <FriendItem
                      key={c.publicId}
                      contact={c}
                      online={presence[c.publicId] ?? c.online}
                    />
                  ))}
                </ul>
              )}
            </section>
          </>
        ) : null}
        {session ? (
          <p className="kt-ks-note">
            {t('kidScreens.friends.myId')}:{' '}
            <strong className="kt-ks-id" data-testid="my-public-id">
              {session.publicId}
            </strong>
            <br />
            {t('kidScreens.friends.myIdHint')}
          </p>
        ) : null}
      </div>
    </Screen>
  );
}
