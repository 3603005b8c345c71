import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../../session/client-context.js';
import { Button } from '../../../ui/button.js';
import { Screen } from '../../../ui/screen.js';
import { TextField } from '../../../ui/text-field.js';
import { useFormat } from '../../format.js';
import { ActionResult, LoadView } from '../../status.js';
import { useAction, useLoad } from '../../use-load.js';
import { ProfilePicture } from '../../../ui/profile-picture.js';
import { useChild } from '../child-context.js';
import { awaitingGuardian } from '../children-list.js';

/**
 * The child's contacts as the guardian sees them (P7, P19): name, ID, picture, online and how
 * often they talked, never what was said. Requests waiting for the guardian come first.
 */
export function ContactsSection() {
  const { t } = useTranslation();
  const { client } = useClient();
  const { child } = useChild();
  const format = useFormat();
  const action = useAction();
  const [blockId, setBlockId] = useState('');
  const { loaded, reload } = useLoad(async () => {
    const [requests, contacts, blocks] = await Promise.all([
      client.contacts.childRequests(child.id),
      client.guardian.contacts(child.id),
      client.guardian.blocks(child.id),
    ]);
    return { requests: requests.filter(awaitingGuardian), contacts, blocks };
  }, [client, child.id]);

  const act = (work: () => Promise<unknown>) =>
    void action.run(async () => {
      await work();
      reload();
    });
  const blockById = (e: FormEvent) => {
    e.preventDefault();
    const id = blockId.trim().toUpperCase();
    if (id === '') return;
    void action.run(
      async () => {
        await client.guardian.block(child.id, id);
        setBlockId('');
        reload();
      },
      {
        NOT_FOUND: t('grownUpScreens.chats.idWrong'),
        INVALID_REQUEST: t('grownUpScreens.chats.idWrong'),
      },
    );
  };

  return (
    <Screen title={t('grownUpScreens.contacts.title', { name: child.displayName })} back>
      <ActionResult done={action.done} error={action.error} />
      <LoadView loaded={loaded} reload={reload}>
        {({ requests, contacts, blocks }) => (
          <>
            <section className="kt-gu-section" aria-labelledby="requests-title">
              <h2 id="requests-title" className="kt-gu-h2">
                {t('grownUpScreens.contacts.requestsTitle')}
              </h2>
              {requests.length === 0 ? (
                <p>{t('grownUpScreens.contacts.noRequests')}</p>
              ) : (
                <ul className="kt-gu-list" data-testid="child-friend-requests">
                  {requests.map((r) => {
                    const other = r.other.displayName;
                    return (
                      <li key={r.id} className="kt-gu-card">
                        <div className="kt-gu-card__head">
                          <ProfilePicture name={other} avatar={r.other.avatar} />
                          <span className="kt-gu-card__text">
                            <strong>
                              {r.direction === 'incoming'
                                ? t('grownUpScreens.contacts.incoming', {
                                    other,
                                    child: child.displayName,
                                  })
                                : t('grownUpScreens.contacts.outgoing', {
                                    other,
                                    child: child.displayName,
                                  })}
                            </strong>
                            <span>
                              {t('grownUpScreens.common.publicId', { id: r.other.publicId })}
                            </span>
                          </span>
                        </div>
                        <div className="kt-choice">
                          <Button
                            variant="choice"
                            disabled={action.busy}
                            aria-label={t('grownUpScreens.contacts.approveFor', { other })}
                            data-testid={`approve-${r.other.publicId}`}
                            onClick={() =>
                              act(() => client.contacts.approveForChild(child.id, r.id))
                            }
                          >
                            {t('grownUpScreens.contacts.approve')}
                          </Button>
                          <Button
                            variant="choice"
                            disabled={action.busy}
                            aria-label={t('grownUpScreens.contacts.denyFor', { other })}
                            data-testid={`deny-${r.other.publicId}`}
                            onClick={() => act(() => client.contacts.denyForChild(child.id, r.id))}
                          >
                            {t('grownUpScreens.contacts.deny')}
                          </Button>
                        </div>
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>
            <section className="kt-gu-section" aria-labelledby="contacts-title">
              <h2 id="contacts-title" className="kt-gu-h2">
                {t('grownUpScreens.contacts.listTitle')}
              </h2>
              <p className="kt-field__hint">{t('grownUpScreens.contacts.noContent')}</p>
              {contacts.length === 0 ? (
                <p>{t('grownUpScreens.contacts.none')}</p>
              ) : (
                <ul className="kt-gu-list" data-testid="child-contacts">
                  {contacts.map((c) => {
                    const i = c.interactions;
                    const other = c.displayName;
                    return (
                      <li key={c.publicId} className="kt-gu-card">
                        <div className="kt-gu-card__head">
                          <ProfilePicture name={other} avatar={c.avatar} />
                          <span className="kt-gu-card__text">
                            <strong>{other}</strong>
                            <span>{t('grownUpScreens.common.publicId', { id: c.publicId })}</span>
                            <span>
                              {c.online
                                ? t('grownUpScreens.common.online')
                                : t('grownUpScreens.common.offline')}
                            </span>
                            <span>
                              {t('grownUpScreens.contacts.counts', {
                                sent: i.messagesSent,
                                received: i.messagesReceived,
                                made: i.callsMade,
                                taken: i.callsReceived,
                              })}
                            </span>
                            <span>
                              {i.lastAt === null
                                ? t('grownUpScreens.contacts.never')
                                : t('grownUpScreens.contacts.lastAt', {
                                    time: format.dateTime(i.lastAt),
                                  })}
                            </span>
                            <span>
                              {t('grownUpScreens.contacts.since', { time: format.date(c.since) })}
                            </span>
                          </span>
                        </div>
                        <div className="kt-row">
                          <Button
                            variant="danger"
                            disabled={action.busy}
                            aria-label={t('grownUpScreens.contacts.blockName', { other })}
                            data-testid={`block-${c.publicId}`}
                            onClick={() => act(() => client.guardian.block(child.id, c.publicId))}
                          >
                            {t('grownUpScreens.contacts.block')}
                          </Button>
                          <Button
                            variant="secondary"
                            disabled={action.busy}
                            aria-label={t('grownUpScreens.contacts.removeName', { other })}
                            data-testid={`remove-${c.publicId}`}
                            onClick={() =>
                              act(() => client.guardian.removeContact(child.id, c.publicId))
                            }
                          >
                            {t('grownUpScreens.contacts.remove')}
                          </Button>
                        </div>
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>
            <section className="kt-gu-section" aria-labelledby="blocks-title">
              <h2 id="blocks-title" className="kt-gu-h2">
                {t('grownUpScreens.contacts.blockedTitle')}
              </h2>
              {blocks.length === 0 ? (
                <p>{t('grownUpScreens.contacts.noBlocks')}</p>
              ) : (
                <ul className="kt-gu-list" data-testid="child-blocks">
                  {blocks.map((b) => (
                    <li key={b.publicId} className="kt-gu-card kt-gu-card--row">
                      <span className="kt-gu-card__text">
                        <strong>{b.displayName}</strong>
                        <span>{t('grownUpScreens.common.publicId', { id: b.publicId })}</span>
                      </span>
                      <Button
                        variant="secondary"
                        disabled={action.busy}
                        aria-label={t('grownUpScreens.contacts.unblockName', {
                          other: b.displayName,
                        })}
                        data-testid={`unblock-${b.publicId}`}
                        onClick={() => act(() => client.guardian.unblock(child.id, b.publicId))}
                      >
                        {t('grownUpScreens.contacts.unblock')}
                      </Button>
                    </li>
                  ))}
                </ul>
              )}
              <form className="kt-form" onSubmit={blockById}>
                <h3 className="kt-gu-h3">{t('grownUpScreens.contacts.blockById')}</h3>
                <TextField
                  label={t('grownUpScreens.contacts.blockIdLabel')}
                  autoComplete="off"
                  maxLength={9}
                  value={blockId}
                  onChange={(e) => setBlockId(e.target.value)}
                />
                <Button
                  type="submit"
                  variant="danger"
                  disabled={action.busy || blockId.trim() === ''}
                >
                  {t('grownUpScreens.contacts.block')}
                </Button>
              </form>
            </section>
          </>
        )}
      </LoadView>
    </Screen>
  );
}
