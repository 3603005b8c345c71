/**
 * The optional email for a grown-up to get the answer: blank means none. Shape only (one @,
 * a dot in the domain, no spaces); the server decides the rest.
 */
export function contactEmail(typed: string): { ok: true; email?: string } | { ok: false } {
  const email = typed.trim();
  if (email === '') return { ok: true };
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254
    ? { ok: true, email }
    : { ok: false };
}
