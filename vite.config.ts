import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Where `vite` (dev server) forwards /rpc: a running `npm run preview` (main/web). */
const previewServer = process.env.QEYD_PREVIEW_URL ?? 'http://127.0.0.1:4780';

/**
 * The dev server injects inline scripts (React refresh) and <style> tags (CSS hot reload), which the
 * strict CSP in index.html forbids. Only in `vite` dev mode the meta tag is dropped; the built app keeps it.
 */
function devWithoutCspMeta(): Plugin {
  return {
    name: 'qeyd-dev-without-csp-meta',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/s, ''),
  };
}

/**
 * The renderer is one static bundle served from a file/app URL (Electron) or by main/web (preview, e2e).
 * Relative asset URLs keep it location-independent; nothing may be inlined, because the strict CSP
 * (script-src/style-src 'self') would block inline code.
 */
export default defineConfig({
  root: here('./renderer'),
  base: './',
  plugins: [react(), devWithoutCspMeta()],
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    // The polyfill is for browsers without <link rel=modulepreload>; Electron's Chromium has it.
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'chrome120',
    // One bundle read from the local disk: splitting it would only add requests, not speed.
    chunkSizeWarningLimit: 1024,
  },
  server: {
    proxy: {
      '/rpc': {
        target: previewServer,
        changeOrigin: true,
        // main/web accepts only its own Origin; the dev page's origin is another port.
        configure: (proxy) => proxy.on('proxyReq', (req) => req.removeHeader('origin')),
      },
    },
  },
});
