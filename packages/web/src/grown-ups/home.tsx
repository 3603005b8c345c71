import { useTranslation } from 'react-i18next';
import { useClient } from '../session/client-context.js';
import { Avatar } from '../ui/avatar.js';
import { Button } from '../ui/button.js';
import { ProfilePicture } from '../ui/profile-picture.js';
import { Screen } from '../ui/screen.js';
import { useAccount } from './account/use-account.js';
import { useFormat } from './format.js';
import { NotificationsCenter } from './notifications/notifications-screen.js';
import { ActionResult } from './status.js';
import { useAction, useLoad } from './use-load.js';

/**
 * Invitations to co-manage a child, sent to this adult's phone number (P16): accept or refuse,
 * the two answers equally weighted.
 */
function GuardianInvites() {
  const { t } = useTranslation();
  const { client } = useClient();
  const format = useFormat();
  const action = useAction();
  const { loaded, reload } = useLoad(() => client.guardian.invites(), [client]);
  if (loaded.state !== 'ready' || loaded.data.length === 0) {
    return <ActionResult done={action.done} error={action.error} />;
  }
  return (
    <section className="kt-gu-section" aria-labelledby="invites-title">
      <h2 id="invites-title" className="kt-gu-h2">
        {t('grownUpScreens.home.invitesTitle')}
      </h2>
      <ul className="kt-gu-list">
        {loaded.data.map((i) => (
          <li key={i.id} className="kt-gu-card kt-gu-card--row">
            <span className="kt-gu-card__text">
              <strong>
                {t('grownUpScreens.home.invite', {
                  inviter: i.inviterDisplayName,
                  child: i.childDisplayName,
                })}
              </strong>
              <span>
                {t('grownUpScreens.home.inviteUntil', { time: format.dateTime(i.expiresAt) })}
              </span>
            </span>
            <div
              className="kt-choice"
              role="group"
              aria-label={t('grownUpScreens.home.inviteChoice', { child: i.childDisplayName })}
            >
              <Button
                variant="choice"
                disabled={action.busy}
                data-testid={`accept-invite-${i.id}`}
                onClick={() =>
                  void action.run(async () => {
                    await client.guardian.acceptInvite(i.id);
                    reload();
                    return t('grownUpScreens.home.accepted', { child: i.childDisplayName });
                  })
                }
              >
                {t('grownUpScreens.home.acceptInvite')}
              </Button>
              <Button
                variant="choice"
                disabled={action.busy}
                data-testid={`refuse-invite-${i.id}`}
                onClick={() =>
                  void action.run(async () => {
                    await client.guardian.refuseInvite(i.id);
                    reload();
                    return t('grownUpScreens.home.refused', { child: i.childDisplayName });
                  })
                }
              >
                {t('grownUpScreens.home.refuseInvite')}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      <ActionResult done={action.done} error={action.error} />
    </section>
  );
}

/** A signed-in adult's start: invitations, then the notifications center. */
export function GrownUpHome() {
  const { t } = useTranslation();
  const { session, signOut } = useClient();
  // The session keeps the name from sign-in; the profile has it as corrected since.
  const { loaded } = useAccount();
  const profile = loaded.state === 'ready' ? loaded.data : undefined;
  const name = profile?.displayName ?? session?.displayName ?? '';
  return (
    <Screen
      title={t('grownUpScreens.home.title', { name })}
      actions={
        <Button variant="secondary" onClick={() => void signOut()}>
          {t('grownUpScreens.common.signOut')}
        </Button>
      }
    >
      <div className="kt-gu-summary">
        {profile ? (
          <ProfilePicture name={name} avatar={profile.avatar} size="medium" />
        ) : (
          <Avatar name={name} size="medium" />
        )}
        <div>
          <p>{t('grownUpScreens.home.intro')}</p>
          {session ? (
            <p data-testid="my-public-id">
              {t('grownUpScreens.common.publicId', { id: session.publicId })}
            </p>
          ) : null}
        </div>
      </div>
      <GuardianInvites />
      <NotificationsCenter />
    </Screen>
  );
}
