import { useCallback, useEffect, useState } from 'react';

export type Load<T> =
  { state: 'loading' } | { state: 'failed'; error: unknown } | { state: 'ready'; data: T };

/**
 * Loads once per `key` and again on `reload()`. A late answer for an older key is dropped, so a
 * quick back-and-forth never shows another screen's data.
 */
export function useLoad<T>(load: () => Promise<T>, key: string): [Load<T>, () => void] {
  const [result, setResult] = useState<{ key: string; value: Load<T> }>({
    key,
    value: { state: 'loading' },
  });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setResult({ key, value: { state: 'ready', data } }),
      (error: unknown) => live && setResult({ key, value: { state: 'failed', error } }),
    );
    return () => {
      live = false;
    };
    // `load` is a fresh closure each render; `key` and `round` say when to load again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return [result.key === key ? result.value : { state: 'loading' }, reload];
}
