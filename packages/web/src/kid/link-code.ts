/** Link codes are 10 characters of [0-9A-Z] (the server's TYPEABLE alphabet). */
export const LINK_CODE_LENGTH = 10;

/** What a child typed: case, spaces and dashes do not matter. */
export function normalizeLinkCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

export function isLinkCode(code: string): boolean {
  return /^[0-9A-Z]{10}$/.test(code);
}

/**
 * Reads the code out of a scanned QR payload, `kidtalk://link?code=…&server=…` (the server's
 * create-link-code reply). The `server` is not followed: this app links to the server it was
 * served from, so a QR code cannot send a child's device elsewhere.
 */
export function linkCodeFromQr(payload: string): string | undefined {
  let url: URL;
  try {
    url = new URL(payload.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'kidtalk:') return undefined;
  // `kidtalk://link?…` parses with host "link" (or path "//link" in some engines).
  const target = url.host || url.pathname.replace(/^\/+/, '');
  if (target !== 'link') return undefined;
  const code = normalizeLinkCode(url.searchParams.get('code') ?? '');
  return isLinkCode(code) ? code : undefined;
}
