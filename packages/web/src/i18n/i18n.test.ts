import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { pickLanguage } from './i18n.js';
import { zhCN } from './zh-CN.js';

type Tree = { readonly [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

function missingKeys(a: Tree, b: Tree): string[] {
  const bKeys = flatten(b);
  return [...flatten(a).keys()].filter((k) => !bKeys.has(k));
}

describe('translations', () => {
  const langs = { en: flatten(en), 'zh-CN': flatten(zhCN) };

  it('have every key in both languages', () => {
    expect(missingKeys(en, zhCN)).toEqual([]);
    expect(missingKeys(zhCN, en)).toEqual([]);
  });

  it('the check finds a missing key', () => {
    expect(missingKeys({ a: 'x', b: { c: 'y' } }, { a: 'x', b: {} })).toEqual(['b.c']);
  });

  it('have no empty strings', () => {
    for (const [lang, map] of Object.entries(langs)) {
      for (const [key, value] of map) expect(value.trim(), `${lang} ${key}`).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, value] of langs.en) {
      expect(placeholders(langs['zh-CN'].get(key) ?? ''), key).toEqual(placeholders(value));
    }
  });
});

describe('pickLanguage', () => {
  it('maps any Chinese to zh-CN and defaults to English', () => {
    expect(pickLanguage(['zh-TW'])).toBe('zh-CN');
    expect(pickLanguage(['zh'])).toBe('zh-CN');
    expect(pickLanguage(['fr-FR', 'en-GB'])).toBe('en');
    expect(pickLanguage(['fr-FR'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });
});
