import type { FriendRequestView } from '@kidtalk/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../session/client-context.js';
import { Button } from '../../ui/button.js';
import { ErrorMessage } from '../../ui/error-message.js';
import type { GrownUpCheckProps } from '../account/grown-up-check.js';
import { ProfilePicture } from '../../ui/profile-picture.js';

/**
 * Pending requests both ways. Saying no (or taking back one's own request) never needs a
 * grown-up; saying yes does unless the guardian allowed self-friending (P18, P19): then the
 * PIN on this device approves for the grown-up, as the dashboard would.
 */
export function FriendRequests({
  requests,
  onChanged,
  askGrownUp,
}: {
  requests: FriendRequestView[];
  onChanged: () => void;
  /** Hands the screen to the grown-up-needed PIN check (undefined gives it back). */
  askGrownUp: (check: GrownUpCheckProps | undefined) => void;
}) {
  const { t } = useTranslation();
  const { client, session } = useClient();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const pending = requests.filter((r) => r.status === 'pending');
  const received = pending.filter((r) => r.direction === 'incoming');
  const sent = pending.filter((r) => r.direction === 'outgoing');

  const run = async (id: string, action: () => Promise<unknown>) => {
    setBusy(id);
    setError(undefined);
    try {
      await action();
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(undefined);
    }
  };

  const approve = (r: FriendRequestView) =>
    askGrownUp({
      action: 'contact.approve',
      reason: t('kidScreens.requests.approveReason', { name: r.other.displayName }),
      onElevated: async (token) => {
        await client.contacts.approveForChild(session?.accountId ?? '', r.id, token);
        askGrownUp(undefined);
        onChanged();
      },
    });

  const yes = (r: FriendRequestView) =>
    r.guardianApproved ? void run(r.id, () => client.contacts.accept(r.id)) : approve(r);

  return (
    <section
      className="kt-ks-section"
      aria-labelledby="kt-ks-requests"
      data-testid="friend-requests"
    >
      <h2 id="kt-ks-requests">{t('kidScreens.requests.title')}</h2>
      <ErrorMessage error={error} />
      {pending.length === 0 ? <p>{t('kidScreens.requests.none')}</p> : null}
      {received.length > 0 ? (
        <>
          <h3>{t('kidScreens.requests.received')}</h3>
          <ul className="kt-ks-list">
            {received.map((r) => (
              <li
                key={r.id}
                className="kt-ks-item kt-ks-item--column"
                data-testid={`request-${r.other.publicId}`}
              >
                <ProfilePicture name={r.other.displayName} avatar={r.other.avatar} />
                <span className="kt-ks-item__text">
                  <span className="kt-ks-item__name">{r.other.displayName}</span>
                  <span className="kt-ks-item__meta kt-ks-id">
                    {t('kidScreens.friends.publicId', { id: r.other.publicId })}
                  </span>
                  {r.accepted && !r.guardianApproved ? (
                    <span className="kt-ks-item__meta">
                      {t('kidScreens.requests.waitingGrownUp')}
                    </span>
                  ) : null}
                </span>
                <div className="kt-choice">
                  <Button
                    variant="choice"
                    icon="👍"
                    busy={busy === r.id}
                    data-testid={`approve-${r.other.publicId}`}
                    onClick={() => yes(r)}
                  >
                    {t('kidScreens.requests.approve', { name: r.other.displayName })}
                  </Button>
                  <Button
                    variant="choice"
                    icon="👎"
                    busy={busy === r.id}
                    data-testid={`deny-${r.other.publicId}`}
                    onClick={() => void run(r.id, () => client.contacts.decline(r.id))}
                  >
                    {t('kidScreens.requests.deny', { name: r.other.displayName })}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {sent.length > 0 ? (
        <>
          <h3>{t('kidScreens.requests.sent')}</h3>
          <ul className="kt-ks-list">
            {sent.map((r) => (
              <li
                key={r.id}
                className="kt-ks-item kt-ks-item--column"
                data-testid={`sent-request-${r.other.publicId}`}
              >
                <ProfilePicture name={r.other.displayName} avatar={r.other.avatar} />
                <span className="kt-ks-item__text">
                  <span className="kt-ks-item__name">{r.other.displayName}</span>
                  <span className="kt-ks-item__meta">
                    {r.guardianApproved
                      ? t('kidScreens.requests.waitingThem', { name: r.other.displayName })
                      : t('kidScreens.requests.waitingGrownUp')}
                  </span>
                </span>
                <div className="kt-ks-item__actions">
                  {r.guardianApproved ? null : (
                    <Button
                      variant="secondary"
                      icon="🔑"
                      data-testid={`approve-sent-${r.other.publicId}`}
                      onClick={() => approve(r)}
                    >
                      {t('kidScreens.requests.grownUpYes')}
                    </Button>
                  )}
                  <Button
                    variant="secondary"
                    busy={busy === r.id}
                    onClick={() => void run(r.id, () => client.contacts.cancel(r.id))}
                  >
                    {t('kidScreens.requests.cancel', { name: r.other.displayName })}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
