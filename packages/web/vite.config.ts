import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dev server proxies the API and the socket to a KidTalk server (`npm start` at the root).
const server = process.env.KIDTALK_DEV_SERVER ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    manifest: true,
    target: 'es2022',
    // No inline scripts or data-URL modules: the server's CSP allows scripts from 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/v1': {
        target: server,
        ws: true,
        // The server lets only its own origins open the socket; in development the page's
        // origin is this dev server, so the socket upgrade is presented as the server's own.
        configure: (proxy) => {
          proxy.on('proxyReqWs', (proxyReq) => proxyReq.setHeader('origin', server));
        },
      },
      '/docs': { target: server },
    },
  },
});
