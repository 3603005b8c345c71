/**
 * Registers public/sw.js, which caches the app shell only (never API replies or messages), in
 * production builds. In development Vite serves fresh modules and a worker would get in the way.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    void navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  });
}
