import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * Builds the Electron side (main/electron) into dist/main/electron: main.js and backend-host.js as ES
 * modules (package.json is "type": "module"), and preload.cjs as CommonJS, because sandboxed preloads
 * cannot be ES modules. Two environments, since one Rolldown build has one output format.
 *
 * Electron is provided by the runtime; the SQLite driver is native and must stay a real package so
 * electron-builder can rebuild it for Electron and unpack its .node file. Everything else is bundled.
 */
const root = import.meta.dirname;
// Overridable so the packaging smoke test can build into a temporary folder.
const outDir = resolve(root, process.env.QEYD_ELECTRON_OUT_DIR || 'dist/main/electron');
const builtins = new Set(builtinModules);

function isExternal(id: string): boolean {
  return id === 'electron' || id.startsWith('electron/') || id === 'better-sqlite3-multiple-ciphers' || id.startsWith('node:') || builtins.has(id) || builtins.has(id.split('/')[0]!);
}

const nodeBuild = {
  target: 'node20',
  outDir,
  minify: false,
  sourcemap: false,
  copyPublicDir: false,
  reportCompressedSize: false,
} as const;

export default defineConfig({
  root,
  publicDir: false,
  logLevel: 'warn',
  resolve: {
    alias: [
      // Its Node entry require()s every locale file by a computed path, which cannot survive bundling;
      // core/countries.ts registers the locales it needs itself, as the browser entry expects.
      { find: /^i18n-iso-countries$/, replacement: 'i18n-iso-countries/index.js' },
    ],
  },
  builder: {
    // In order: the first build empties the folder, the second adds the preload beside it.
    async buildApp(builder) {
      await builder.build(builder.environments.electron_main!);
      await builder.build(builder.environments.electron_preload!);
    },
  },
  environments: {
    electron_main: {
      consumer: 'server',
      resolve: { noExternal: true, external: ['better-sqlite3-multiple-ciphers'] },
      build: {
        ...nodeBuild,
        emptyOutDir: true,
        rolldownOptions: {
          input: {
            main: resolve(root, 'main/electron/main.ts'),
            'backend-host': resolve(root, 'main/electron/backend-host.ts'),
          },
          external: isExternal,
          output: {
            format: 'es',
            entryFileNames: '[name].js',
            chunkFileNames: 'chunks/[name]-[hash].js',
          },
        },
      },
    },
    electron_preload: {
      consumer: 'server',
      resolve: { noExternal: true },
      build: {
        ...nodeBuild,
        emptyOutDir: false,
        rolldownOptions: {
          input: { preload: resolve(root, 'main/electron/preload.cts') },
          external: isExternal,
          output: {
            format: 'cjs',
            entryFileNames: '[name].cjs',
            // A sandboxed preload can require only 'electron' and a few polyfills, never a sibling file.
            codeSplitting: false,
          },
        },
      },
    },
  },
});
