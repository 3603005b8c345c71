import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate, useParams } from 'react-router';
import { useClient } from '../../session/client-context.js';
import { Button } from '../../ui/button.js';
import { Screen } from '../../ui/screen.js';
import { TextField } from '../../ui/text-field.js';
import { ProfilePicture } from '../children/avatars.js';
import { ActionResult, LoadView } from '../status.js';
import { useAction, useLoad } from '../use-load.js';
import { ConversationListPane, ConversationPane } from './chat-boundary.js';

/** Everything the chats screen lists, loaded together. */
function useChats() {
  const { client } = useClient();
  return useLoad(async () => {
    const [contacts, requests, conversations, children] = await Promise.all([
      client.contacts.list(),
      client.contacts.requests(),
      client.conversations.list(),
      client.guardian.children(),
    ]);
    const names = new Map<string, string>();
    for (const c of [...children, ...contacts]) names.set(c.publicId, c.displayName);
    return {
      contacts,
      requests: requests.filter((r) => r.status === 'pending'),
      conversations,
      children,
      names,
    };
  }, [client]);
}

/** Adult chat (P15, P21): contacts, one's own children among them, requests and conversations. */
function ChatsHome() {
  const { t } = useTranslation();
  const { client, session } = useClient();
  const navigate = useNavigate();
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
  const open = (id: string) =>
    void action.run(async () => {
      const conv = await client.openDirect(id);
      void navigate(conv.id);
    });

  return (
    <Screen title={t('grownUpScreens.chats.title')}>
      <p>{t('grownUpScreens.chats.myId', { id: me })}</p>
      <ActionResult done={action.done} error={action.error} />
      <LoadView loaded={loaded} reload={reload}>
        {({ contacts, requests, conversations, children, names }) => {
          const contactIds = new Set(contacts.map((c) => c.publicId));
          const waiting = new Set(requests.map((r) => r.other.publicId));
          return (
            <>
              <section className="kt-gu-section" aria-labelledby="conversations-title">
                <h2 id="conversations-title" className="kt-gu-h2">
                  {t('grownUpScreens.chats.conversationsTitle')}
                </h2>
                <ConversationListPane
                  conversations={conversations}
                  myPublicId={me}
                  nameOf={(id) => names.get(id) ?? id}
                />
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
              <section className="kt-gu-section" aria-labelledby="contacts-title">
                <h2 id="contacts-title" className="kt-gu-h2">
                  {t('grownUpScreens.chats.contactsTitle')}
                </h2>
                {contacts.length === 0 && children.length === 0 ? (
                  <p>{t('grownUpScreens.chats.noContacts')}</p>
                ) : null}
                <ul className="kt-gu-list" data-testid="contacts">
                  {children
                    .filter((c) => !contactIds.has(c.publicId))
                    .map((c) => (
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
                            {t('grownUpScreens.chats.addSubmit')}
                          </Button>
                        )}
                      </li>
                    ))}
                  {contacts.map((c) => (
                    <li key={c.publicId} className="kt-gu-card kt-gu-card--row">
                      <ProfilePicture name={c.displayName} avatar={c.avatar} />
                      <span className="kt-gu-card__text">
                        <strong>{c.displayName}</strong>
                        <span>
                          {c.online
                            ? t('grownUpScreens.common.online')
                            : t('grownUpScreens.common.offline')}
                        </span>
                      </span>
                      <Button
                        variant="secondary"
                        disabled={action.busy}
                        aria-label={t('grownUpScreens.chats.chatWith', { name: c.displayName })}
                        data-testid={`chat-${c.publicId}`}
                        onClick={() => open(c.publicId)}
                      >
                        {t('grownUpScreens.chats.title')}
                      </Button>
                    </li>
                  ))}
                </ul>
              </section>
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
                <Button type="submit" busy={action.busy} disabled={publicId.trim() === ''}>
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

function ChatScreen() {
  const { t } = useTranslation();
  const { session } = useClient();
  const { conversationId = '' } = useParams();
  const { loaded, reload } = useChats();
  return (
    <LoadView loaded={loaded} reload={reload}>
      {({ conversations, names }) => {
        const conv = conversations.find((c) => c.id === conversationId);
        const title =
          conv?.members
            .filter((m) => m.publicId !== session?.publicId)
            .map((m) => names.get(m.publicId) ?? m.publicId)
            .join(', ') ?? t('grownUpScreens.chats.title');
        return (
          <Screen title={title} back>
            <ConversationPane conversationId={conversationId} title={title} />
          </Screen>
        );
      }}
    </LoadView>
  );
}

export function ChatsRoutes() {
  return (
    <Routes>
      <Route index element={<ChatsHome />} />
      <Route path=":conversationId" element={<ChatScreen />} />
    </Routes>
  );
}
