import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Dates and times in the reader's language, in the browser's own time zone. */
export function useFormat() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(i18n.language, {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
    let regions: Intl.DisplayNames | undefined;
    try {
      regions = new Intl.DisplayNames([i18n.language], { type: 'region' });
    } catch {
      regions = undefined;
    }
    return {
      dateTime: (ms: number) => dateTime.format(ms),
      date: (ms: number) => date.format(ms),
      region: (code: string) => regions?.of(code) ?? code,
    };
  }, [i18n.language]);
}
