import type { Avatar, ContactProfile } from '@kidtalk/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useClient } from '../../session/client-context.js';
import { Loading } from '../../shell/loading.js';
import { Button } from '../../ui/button.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Screen } from '../../ui/screen.js';
import { ProfilePicture } from '../../ui/profile-picture.js';
import { useLoad } from './use-load.js';

interface Person {
  publicId: string;
  displayName: string;
  avatar: Avatar;
  contact: ContactProfile | undefined;
  blocked: boolean;
}

/** Who a contact (or someone I blocked) is, as this child may see them. */
export async function findPerson(
  contacts: {
    list(): Promise<ContactProfile[]>;
    blocks(): Promise<{ publicId: string; displayName: string; avatar: Avatar }[]>;
  },
  publicId: string,
): Promise<Person | undefined> {
  const [list, blocks] = await Promise.all([contacts.list(), contacts.blocks()]);
  const contact = list.find((c) => c.publicId === publicId);
  const block = blocks.find((b) => b.publicId === publicId);
  const card = contact ?? block;
  if (!card) return undefined;
  return {
    publicId,
    displayName: card.displayName,
    avatar: card.avatar,
    contact,
    blocked: block !== undefined,
  };
}

/** A contact's settings, reached from their avatar: report them, block or unblock them. */
export function ContactSettings() {
  const { t } = useTranslation();
  const { client } = useClient();
  const { publicId = '' } = useParams();
  const [load, reload] = useLoad(() => findPerson(client.contacts, publicId), publicId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();

  if (load.state === 'loading') return <Loading />;
  const person = load.state === 'ready' ? load.data : undefined;
  if (!person) {
    return (
      <Screen title={t('kidScreens.friends.title')} back>
        <ErrorMessage
          error={load.state === 'failed' ? load.error : t('kidScreens.contact.notFound')}
        />
      </Screen>
    );
  }
  const name = person.displayName;

  const toggleBlock = async () => {
    setBusy(true);
    setError(undefined);
    try {
      if (person.blocked) await client.contacts.unblock(person.publicId);
      else await client.contacts.block(person.publicId);
      setDone(
        person.blocked
          ? t('kidScreens.contact.unblocked', { name })
          : t('kidScreens.contact.blocked', { name }),
      );
      reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={t('kidScreens.contact.title', { name })} back>
      <div className="kt-stack">
        <div className="kt-row kt-ks-status">
          <ProfilePicture name={name} avatar={person.avatar} size="large" />
          <span className="kt-ks-item__text">
            <span className="kt-ks-item__name">{name}</span>
            <span className="kt-ks-item__meta kt-ks-id">
              {t('kidScreens.contact.publicId', { id: person.publicId })}
            </span>
          </span>
        </div>
        <section className="kt-ks-section">
          <p>{t('kidScreens.contact.reportHint', { name })}</p>
          <Link
            className="kt-button kt-button--danger"
            to={`/kid/friends/${person.publicId}/report`}
            data-testid="contact-report"
          >
            <span className="kt-button__icon" aria-hidden="true">
              🚩
            </span>
            <span>{t('kidScreens.contact.report', { name })}</span>
          </Link>
        </section>
        <section className="kt-ks-section">
          {person.blocked ? null : <p>{t('kidScreens.contact.blockHint', { name })}</p>}
          <Button
            variant="secondary"
            icon={person.blocked ? '🔓' : '🚫'}
            busy={busy}
            onClick={() => void toggleBlock()}
            data-testid="contact-block-toggle"
          >
            {person.blocked
              ? t('kidScreens.contact.unblock', { name })
              : t('kidScreens.contact.block', { name })}
          </Button>
        </section>
        <ErrorMessage error={error} />
        {done ? (
          <p className="kt-ks-note" role="status">
            {done}
          </p>
        ) : null}
      </div>
    </Screen>
  );
}
