/** The built-in pack's name on the wire; a sticker message carries (pack, sticker id). */
export const STICKER_PACK = 'kidtalk-friends-1';

export const STICKER_IDS = [
  'sun',
  'cat',
  'heart',
  'star',
  'thumbs',
  'rainbow',
  'panda',
  'cake',
  'rocket',
  'flower',
  'hug',
  'ball',
] as const;

export type StickerId = (typeof STICKER_IDS)[number];

export function isStickerId(id: string): id is StickerId {
  return (STICKER_IDS as readonly string[]).includes(id);
}
