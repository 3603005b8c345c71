import type { SelfProfile, UpdateMeBody } from '@kidtalk/protocol';
import type { AccountApi } from '@kidtalk/sdk';
import { useMemo } from 'react';
import { useClient } from '../../session/client-context.js';
import { useLoad } from '../use-load.js';

export interface Account {
  api: AccountApi;
  save(body: UpdateMeBody): Promise<void>;
}

/** The signed-in adult's own profile, and a save that shows the server's answer at once. */
export function useAccount() {
  // The client's own AccountApi: importing the class would pull the whole SDK into the
  // grown-ups' first chunk, which loads before the SDK does.
  const { client, session } = useClient();
  const api = client.account;
  const { loaded, reload, set } = useLoad<SelfProfile>(
    () => api.profile(),
    [api, session?.accountId],
  );
  const account = useMemo<Account>(
    () => ({ api, save: async (body) => set(await api.updateProfile(body)) }),
    [api, set],
  );
  return { loaded, reload, account };
}
