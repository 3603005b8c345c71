import { ensureWebBuilt } from './web-server.js';

/** Vitest global setup for the browser tests: build the web app once per run when stale. */
export function setup(): void {
  ensureWebBuilt();
}
