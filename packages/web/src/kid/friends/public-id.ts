import { PUBLIC_ID_ALPHABET, PUBLIC_ID_LENGTH, parseUserQrPayload } from '@kidtalk/protocol';

/** An ID to show in hints: real letters of the alphabet, not anyone's ID. */
export const EXAMPLE_PUBLIC_ID = 'K7MP3XQ2A';

const VALID = new RegExp(`^[${PUBLIC_ID_ALPHABET}]{${PUBLIC_ID_LENGTH}}$`);

/**
 * What a child typed, made comparable: case, spaces and dashes do not matter. Nothing else is
 * changed: look-alikes are not guessed into other letters, so an ID matches exactly or not at
 * all (a guess could reach a stranger).
 */
export function normalizePublicId(typed: string): string {
  return typed.toUpperCase().replace(/[\s\u3000-]/g, '');
}

export function isPublicId(id: string): boolean {
  return VALID.test(id);
}

/** The ID in a scanned friend QR code (`kidtalk://user?id=…`), or undefined for anything else. */
export function publicIdFromQr(payload: string): string | undefined {
  return parseUserQrPayload(payload.trim()) ?? undefined;
}
