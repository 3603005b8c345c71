import { useTranslation } from 'react-i18next';
import { Loading } from '../shell/loading.js';

/** Every state of a direct or group chat except 'ready', when its room is shown instead. */
export type UnreadyChatState = 'preparing' | 'notFound' | 'failed';

/**
 * What stands in for a chat's room until it can be used. The caller names the waiting, since
 * what "opening" means to a reader differs between the apps; `lead` sets it in the larger type
 * of the kids' screens.
 */
export function ChatStatePane({
  state,
  opening,
  lead = false,
}: {
  state: UnreadyChatState;
  opening: string;
  lead?: boolean;
}) {
  const { t } = useTranslation();
  if (state === 'notFound' || state === 'failed') {
    return (
      <p className="kt-error" role="alert">
        {state === 'notFound' ? t('chat.view.notFound') : t('chat.list.loadFailed')}
      </p>
    );
  }
  return (
    <>
      <Loading />
      <p className={lead ? 'kt-lead' : undefined}>{opening}</p>
    </>
  );
}
