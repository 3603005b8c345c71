import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupChat } from './use-group-chat.js';

/**
 * Who sent a group message, by account id: the member's name from one's contacts, or
 * "someone" for a member who is not one's contact (or before the group is ready).
 */
export function useMemberName(chat: GroupChat): (accountId: string) => string {
  const { t } = useTranslation();
  const members = chat.state === 'ready' ? chat.members : undefined;
  const someone = t('chat.group.someone');
  return useCallback(
    (accountId: string) => members?.find((m) => m.accountId === accountId)?.name ?? someone,
    [members, someone],
  );
}
