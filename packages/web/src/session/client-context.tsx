import type { KidTalkClient, Session } from '@kidtalk/sdk';
import type { ReactNode } from 'react';
import { createContext, use, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { browserDevice } from './device.js';

/** The two apps keep separate sessions, so a grown-up can try the kids' app on their device. */
export type AppMode = 'kid' | 'grown-ups';

export interface ClientValue {
  mode: AppMode;
  client: KidTalkClient;
  /** Undefined until someone signs in on this device; survives reloads (IndexedDB). */
  session: Session | undefined;
  /** Call after `client.signIn` / `client.linkDevice` resolved. */
  signedIn(session: Session): void;
  /** Ends the session and wipes everything of it from this device, then back to sign-in. */
  signOut(): Promise<void>;
}

const ClientContext = createContext<ClientValue | undefined>(undefined);

export function useClient(): ClientValue {
  const value = use(ClientContext);
  if (!value) throw new Error('useClient outside <ClientProvider>');
  return value;
}

type Loaded =
  | { state: 'loading' }
  | { state: 'failed'; error: unknown }
  | { state: 'ready'; client: KidTalkClient; session: Session | undefined };

/** Opens the client and its store. The SDK (MLS included) is its own chunk, loaded here. */
async function openClient(mode: AppMode, language: string): Promise<KidTalkClient> {
  const { IndexedDbStore, KidTalkClient } = await import('@kidtalk/sdk');
  const store = await IndexedDbStore.open(`kidtalk-${mode}`);
  return KidTalkClient.open({
    server: globalThis.location.origin,
    store,
    device: browserDevice(language),
  });
}

function startConnection(client: KidTalkClient): void {
  // The socket reconnects by itself; a failure here surfaces as the client's `error` event.
  void client.connect().catch(() => undefined);
}

export function ClientProvider({
  mode,
  children,
  fallback,
}: {
  mode: AppMode;
  children: ReactNode;
  fallback: ReactNode;
}) {
  const { i18n, t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    let opened: KidTalkClient | undefined;
    openClient(mode, i18n.language).then(
      (client) => {
        opened = client;
        if (!live) return void client.close();
        if (client.session) startConnection(client);
        setLoaded({ state: 'ready', client, session: client.session });
      },
      (error: unknown) => live && setLoaded({ state: 'failed', error }),
    );
    return () => {
      live = false;
      void opened?.close();
    };
    // The device's language is reported at sign-in; switching later does not reopen the client.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode]);

  const client = loaded.state === 'ready' ? loaded.client : undefined;

  useEffect(() => {
    if (!client) return;
    // Revoked or unknown to the server, or signed out in another tab: the SDK has already
    // wiped this device (P23), so only the screen is left to change. 'replaced' is this same
    // session opened in another tab, which shares the store: signing out here would wipe the
    // other tab's data too.
    return client.on('session', ({ reason }) => {
      if (reason === 'revoked' || reason === 'unauthenticated' || reason === 'wiped_elsewhere')
        setLoaded({ state: 'ready', client, session: undefined });
    });
  }, [client]);

  const signedIn = useCallback(
    (session: Session) => {
      if (!client) return;
      startConnection(client);
      setLoaded({ state: 'ready', client, session });
    },
    [client],
  );
  const signOut = useCallback(async () => {
    if (!client) return;
    await client.signOut();
    setLoaded({ state: 'ready', client, session: undefined });
  }, [client]);

  const value = useMemo<ClientValue | undefined>(
    () =>
      loaded.state === 'ready'
        ? { mode, client: loaded.client, session: loaded.session, signedIn, signOut }
        : undefined,
    [loaded, mode, signedIn, signOut],
  );

  if (loaded.state === 'failed') {
    return (
      <p className="kt-error" role="alert">
        {t('app.errorGeneric')}
      </p>
    );
  }
  if (!value) return fallback;
  return <ClientContext value={value}>{children}</ClientContext>;
}
