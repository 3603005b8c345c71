import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.js';
import { zhCN } from '../../i18n/zh-CN.js';
import { isStickerId, STICKER_IDS } from './pack.js';
import { STICKER_ART } from './sticker-art.js';

describe('sticker pack', () => {
  it('has art and a name in both languages for every sticker, and nothing else', () => {
    expect(Object.keys(STICKER_ART).sort()).toEqual([...STICKER_IDS].sort());
    expect(Object.keys(en.chat.stickers.names).sort()).toEqual([...STICKER_IDS].sort());
    expect(Object.keys(zhCN.chat.stickers.names).sort()).toEqual([...STICKER_IDS].sort());
  });

  it('recognises only its own ids', () => {
    expect(isStickerId('panda')).toBe(true);
    expect(isStickerId('toString')).toBe(false);
    expect(isStickerId('')).toBe(false);
  });
});
