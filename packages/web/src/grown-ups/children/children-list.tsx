import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useClient } from '../../session/client-context.js';
import { Screen } from '../../ui/screen.js';
import { LoadView } from '../status.js';
import { useLoad } from '../use-load.js';
import { ProfilePicture } from '../../ui/profile-picture.js';

/** Requests the guardian still has to decide on (P18). */
export const awaitingGuardian = (r: { status: string; guardianApproved: boolean }) =>
  r.status === 'pending' && !r.guardianApproved;

export function ChildrenList() {
  const { t } = useTranslation();
  const { client } = useClient();
  const deleted = (useLocation().state as { deleted?: string } | null)?.deleted;
  const { loaded, reload } = useLoad(async () => {
    const children = await client.guardian.children();
    return Promise.all(
      children.map(async (child) => ({
        child,
        waiting: (await client.contacts.childRequests(child.id)).filter(awaitingGuardian).length,
      })),
    );
  }, [client]);
  return (
    <Screen
      title={t('grownUpScreens.children.title')}
      actions={
        <Link className="kt-button kt-button--secondary" to="new" data-testid="add-child">
          {t('grownUpScreens.children.add')}
        </Link>
      }
    >
      {deleted ? (
        <p role="status" className="kt-gu-note">
          {t('grownUpScreens.data.deleted', { name: deleted })}
        </p>
      ) : null}
      <LoadView loaded={loaded} reload={reload}>
        {(rows) =>
          rows.length === 0 ? (
            <p>{t('grownUpScreens.children.empty')}</p>
          ) : (
            <ul className="kt-gu-list" aria-label={t('grownUpScreens.children.title')}>
              {rows.map(({ child, waiting }) => (
                <li key={child.id} className="kt-gu-card">
                  <Link
                    to={child.id}
                    className="kt-gu-card__link"
                    data-testid={`child-${child.id}`}
                  >
                    <ProfilePicture name={child.displayName} avatar={child.avatar} />
                    <span className="kt-gu-card__text">
                      <strong>{child.displayName}</strong>
                      <span>{t('grownUpScreens.common.publicId', { id: child.publicId })}</span>
                      {!child.hasPin ? <span>{t('grownUpScreens.children.noPin')}</span> : null}
                      {waiting > 0 ? (
                        <span className="kt-gu-badge">
                          {t('grownUpScreens.children.pendingRequests', { count: waiting })}
                        </span>
                      ) : null}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )
        }
      </LoadView>
    </Screen>
  );
}
