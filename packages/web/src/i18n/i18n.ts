import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'kidtalk.language';

/** zh-* (any script or region) → zh-CN; everything else → English. */
export function pickLanguage(candidates: readonly string[]): Language {
  for (const c of candidates) {
    const lower = c.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

function storedLanguage(): Language | undefined {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return LANGUAGES.find((l) => l === v);
  } catch {
    return undefined;
  }
}

export function initialLanguage(): Language {
  const nav = globalThis.navigator;
  return storedLanguage() ?? pickLanguage(nav ? [...(nav.languages ?? []), nav.language] : []);
}

function applyToDocument(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}

export async function initI18n(lng: Language = initialLanguage()): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    // React escapes already; double escaping would show &amp; to children.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyToDocument(lng);
  i18next.on('languageChanged', applyToDocument);
  return i18next;
}

/** Switches and remembers the choice on this device. */
export async function setLanguage(lng: Language): Promise<void> {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lng);
  } catch {
    // Private mode without storage: the choice lasts for this visit.
  }
  await i18next.changeLanguage(lng);
}
