import type { DependencyList } from 'react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../ui/error-message.js';

export type Loaded<T> =
  { state: 'loading' } | { state: 'failed'; error: unknown } | { state: 'ready'; data: T };

/** Loads once per change of `deps`; `reload` fetches again and keeps the old data meanwhile. */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList) {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setLoaded({ state: 'ready', data }),
      (error: unknown) => live && setLoaded({ state: 'failed', error }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  /** Replace the data with what the server answered to a change. */
  const set = useCallback((data: T) => setLoaded({ state: 'ready', data }), []);
  return { loaded, reload, set };
}

/**
 * One button's worth of work: busy while it runs, then a message (status) or an error (alert).
 * `known` maps server error codes to this screen's own words.
 */
export function useAction() {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  // Each message keeps the language it was worded in: after a switch it would stay in the old
  // one among everything else in the new one, so it is no longer shown.
  const [errorMsg, setErrorMsg] = useState<Worded>();
  const [doneMsg, setDoneMsg] = useState<Worded>();
  const lang = i18n.language;
  const setError = useCallback(
    (text?: string) => setErrorMsg(text === undefined ? undefined : { text, lang }),
    [lang],
  );
  const run = useCallback(
    async (
      action: () => Promise<string | undefined | void>,
      known: Record<string, string> = {},
    ) => {
      setBusy(true);
      setErrorMsg(undefined);
      setDoneMsg(undefined);
      try {
        const message = await action();
        if (message) setDoneMsg({ text: message, lang });
        return true;
      } catch (err) {
        const code = (err as { code?: string } | null)?.code ?? '';
        setErrorMsg({ text: known[code] ?? t(errorKey(err)), lang });
        return false;
      } finally {
        setBusy(false);
      }
    },
    [t, lang],
  );
  const error = errorMsg?.lang === lang ? errorMsg.text : undefined;
  const done = doneMsg?.lang === lang ? doneMsg.text : undefined;
  return { busy, error, done, run, setError };
}

interface Worded {
  text: string;
  lang: string;
}
