import type { SelfProfile, UpdateMeBody } from '@kidtalk/protocol';
import { AccountApi } from '@kidtalk/sdk';
import { useMemo } from 'react';
import { useClient } from '../../session/client-context.js';
import { useLoad } from '../use-load.js';

export interface Account {
  api: AccountApi;
  save(body: UpdateMeBody): Promise<void>;
}

/** The signed-in adult's own profile, and a save that shows the server's answer at once. */
export function useAccount() {
  const { client, session } = useClient();
  const api = useMemo(
    () => new AccountApi(client.http, () => session?.accountId ?? ''),
    [client, session?.accountId],
  );
  const { loaded, reload, set } = useLoad<SelfProfile>(() => api.profile(), [api]);
  const account = useMemo<Account>(
    () => ({ api, save: async (body) => set(await api.updateProfile(body)) }),
    [api, set],
  );
  return { loaded, reload, account };
}
