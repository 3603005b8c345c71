import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useParams } from 'react-router';
import { useClient } from '../../session/client-context.js';
import { Button } from '../../ui/button.js';
import { Screen } from '../../ui/screen.js';
import { TextField } from '../../ui/text-field.js';
import { ProfilePicture } from '../../ui/profile-picture.js';
import { ActionResult, LoadView } from '../status.js';
import { useAction, useLoad } from '../use-load.js';
import { ConversationListPane, ConversationPane, useConversation } from './chat-boundary.js';

/** Everything the chats screen lists, loaded together. */
function useChats() {
  const { client } = useClient();
  return useLoad(async () => {
    const [contacts, requests, children] = await Promise.all([
      client.contacts.list(),
      client.contacts.requests(),
      client.guardian.children(),
    ]);
    return { contacts, requests: requests.filter((r) => r.status === 'pending'), children };
  }, [client]);
}

/** Adult chat (P15, P21): chats with contacts (one's own children among them), requests, adding. */
function ChatsHome() {
  const { t } = useTranslation();
  const { client, session } = useClient();
  const { loaded, reload } = useChats();
  const action = useAction();
  const [publicId, setPublicId] = useState('');
  const me = session?.publicId ?? '';

  const add = (id: string) =>
    action.run(
      async () => {
        await client.contacts.add(id);
        reload();
        return t('grownUpScreens.chats.added');
      },
      {
        NOT_FOUND: t('grownUpScreens.chats.idWrong'),
        INVALID_REQUEST: t('grownUpScreens.chats.idWrong'),
      },
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const id = publicId.trim().toUpperCase();
    if (id) void add(id).then((ok) => ok && setPublicId(''));
  };

  return (
    <Screen title={t('grownUpScreens.chats.title')}>
      <p>{t('grownUpScreens.chats.myId', { id: me })}</p>
      <ActionResult done={action.done} error={action.error} />
      <LoadView loaded={loaded} reload={reload}>
        {({ contacts, requests, children }) => {
          const contactIds = new Set(contacts.map((c) => c.publicId));
          const waiting = new Set(requests.map((r) => r.other.publicId));
          const notYet = children.filter((c) => !contactIds.has(c.publicId));
          return (
            <>
              <section className="kt-gu-section" aria-labelledby="conversations-title">
                <h2 id="conversations-title" className="kt-gu-h2">
                  {t('grownUpScreens.chats.contactsTitle')}
                </h2>
                {/* A new contact (accepted here) shows in the shared list: it loads again. */}
                <ConversationListPane key={contacts.map((c) => c.publicId).join()} />
              </section>
              {requests.length > 0 ? (
                <section className="kt-gu-section" aria-labelledby="my-requests-title">
                  <h2 id="my-requests-title" className="kt-gu-h2">
                    {t('grownUpScreens.chats.requestsTitle')}
                  </h2>
                  <ul className="kt-gu-list">
                    {requests.map((r) => (
                      <li key={r.id} className="kt-gu-card">
                        <span className="kt-gu-card__text">
                          <strong>
                            {r.direction === 'incoming' && !r.accepted
                              ? t('grownUpScreens.chats.requestFrom', { name: r.other.displayName })
                              : t('grownUpScreens.chats.requestTo', { name: r.other.displayName })}
                          </strong>
                          <span>
                            {t('grownUpScreens.common.publicId', { id: r.other.publicId })}
                          </span>
                        </span>
                        {r.direction === 'incoming' && !r.accepted ? (
                          <div className="kt-choice">
                            <Button
                              variant="choice"
                              disabled={action.busy}
                              data-testid={`accept-${r.other.publicId}`}
                              onClick={() =>
                                void action.run(async () => {
                                  await client.contacts.accept(r.id);
                                  reload();
                                })
                              }
                            >
                              {t('grownUpScreens.chats.accept')}
                            </Button>
                            <Button
                              variant="choice"
                              disabled={action.busy}
                              data-testid={`decline-${r.other.publicId}`}
                              onClick={() =>
                                void action.run(async () => {
                                  await client.contacts.decline(r.id);
                                  reload();
                                })
                              }
                            >
                              {t('grownUpScreens.chats.decline')}
                            </Button>
                          </div>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </section>
              ) : null}
              {notYet.length > 0 ? (
                <section className="kt-gu-section" aria-labelledby="children-title">
                  <h2 id="children-title" className="kt-gu-h2">
                    {t('grownUpScreens.chats.childrenTitle')}
                  </h2>
                  <ul className="kt-gu-list" data-testid="children-to-add">
                    {notYet.map((c) => (
                      <li key={c.publicId} className="kt-gu-card kt-gu-card--row">
                        <ProfilePicture name={c.displayName} avatar={c.avatar} />
                        <span className="kt-gu-card__text">
                          <strong>{c.displayName}</strong>
                          <span>{t('grownUpScreens.chats.child')}</span>
                        </span>
                        {waiting.has(c.publicId) ? (
                          <span className="kt-field__hint">
                            {t('grownUpScreens.chats.requestTo', { name: c.displayName })}
                          </span>
                        ) : (
                          <Button
                            variant="secondary"
                            disabled={action.busy}
                            data-testid={`add-child-contact-${c.publicId}`}
                            onClick={() => void add(c.publicId)}
                          >
                            {t('grownUpScreens.chats.addChild', { name: c.displayName })}
                          </Button>
                        )}
                      </li>
                    ))}
                  </ul>
                </section>
              ) : null}
              <form className="kt-form" onSubmit={submit}>
                <h2 className="kt-gu-h2">{t('grownUpScreens.chats.addTitle')}</h2>
                <TextField
                  label={t('grownUpScreens.chats.addLabel')}
                  hint={t('grownUpScreens.chats.addHint')}
                  autoComplete="off"
                  maxLength={9}
                  data-testid="add-contact-id"
                  value={publicId}
                  onChange={(e) => setPublicId(e.target.value)}
                />
                <Button
                  type="submit"
                  busy={action.busy}
                  disabled={publicId.trim() === ''}
                  data-testid="add-contact-submit"
                >
                  {t('grownUpScreens.chats.addSubmit')}
                </Button>
              </form>
            </>
          );
        }}
      </LoadView>
    </Screen>
  );
}

/** One chat with a contact, at /grown-ups/chats/<publicId>. */
function ChatScreen() {
  const { t } = useTranslation();
  const { publicId = '' } = useParams();
  const chat = useConversation(publicId);
  const name = 'name' in chat ? chat.name : undefined;
  const online = 'online' in chat ? chat.online : undefined;
  return (
    <Screen
      title={name ? t('grownUpScreens.chats.chatWith', { name }) : t('grownUpScreens.chats.title')}
      back
      actions={
        online === undefined ? null : (
          <span className="kt-field__hint" data-testid="presence" data-online={online}>
            {online ? t('grownUpScreens.common.online') : t('grownUpScreens.common.offline')}
          </span>
        )
      }
    >
      <ConversationPane chat={chat} />
    </Screen>
  );
}

export function ChatsRoutes() {
  return (
    <Routes>
      <Route index element={<ChatsHome />} />
      <Route path=":publicId" element={<ChatScreen />} />
    </Routes>
  );
}
