/// <reference types="vitest/config" />
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';

// wasm: the barcode decoder's 925 KiB travel as about 314 KiB of Brotli.
const COMPRESSIBLE = /\.(js|css|html|svg|webmanifest|json|txt|wasm)$/;

/**
 * Writes a Brotli (.br) and a gzip (.gz) copy of every text file of the build, which the server sends to a browser
 * that accepts them (server/src/web.ts): compressed once at the highest levels, never per request. Runs after the
 * service worker is built, so that sw.js is compressed too; the precache lists none of the copies.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  const brotli = promisify(brotliCompress);
  const gzipAsync = promisify(gzip);
  return {
    name: 'tne13:precompress',
    apply: 'build',
    configResolved: (config) => void (outDir = config.build.outDir),
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const files = (await readdir(outDir, { recursive: true })).filter((file) => COMPRESSIBLE.test(file));
        await Promise.all(
          files.map(async (file) => {
            const path = join(outDir, file);
            const bytes = await readFile(path);
            const br = await brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
            const gz = await gzipAsync(bytes, { level: 9 });
            // A copy no smaller than the file is not worth a header.
            if (br.length < bytes.length) await writeFile(`${path}.br`, br);
            if (gz.length < bytes.length) await writeFile(`${path}.gz`, gz);
          }),
        );
      },
    },
  };
}

// Vitest runs in mode 'test' (no service worker to build); the browser tests build in mode 'production'.
export default defineConfig(({ mode }) => ({
  plugins: [
    preact(),
    mode !== 'test' &&
      VitePWA({
        strategies: 'injectManifest',
        srcDir: 'sw',
        filename: 'sw.ts',
        injectRegister: false,
        // The whole shell, worker chunks included (the plugin adds the manifest and its icons itself); not the barcode
        // decoder, which the service worker keeps on first use (sw/decoder-cache.ts), its wasm being neither.
        injectManifest: { rollupFormat: 'iife', globPatterns: ['**/*.{js,css,html,svg}'], globIgnores: ['**/zxing-reader-*.js'] },
        manifest: {
          name: 'TNE 13 – État des lieux du numérique dans les écoles',
          short_name: 'TNE 13 audit',
          description: "Recensement de l'équipement numérique des écoles, classe par classe.",
          lang: 'fr',
          display: 'standalone',
          start_url: '/',
          theme_color: '#000091',
          background_color: '#ffffff',
          icons: [
            { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
            { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
            { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          ],
        },
      }),
    mode !== 'test' && precompress(),
  ],
  worker: { format: 'es' },
  // Shown in the footer: which version runs (BUILD_ID in CI or tests, else the build's time).
  define: { __BUILD_ID__: JSON.stringify(process.env.BUILD_ID ?? new Date().toISOString().slice(0, 16).replace('T', ' ')) },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    projects: [
      {
        extends: true,
        // A guard against a hang, not a speed check: CLI tests start Node processes on a shared 2-core machine.
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['tests/e2e/**', 'tests/server/**'], environment: 'node', setupFiles: ['tests/setup.ts'], testTimeout: 20_000 },
      },
      {
        extends: true,
        // The reference server's tests: every answer of its API they receive is checked against its OpenAPI document.
        // One throw-away PostgreSQL server for the run (or TEST_DATABASE_URL's): the PostgreSQL store's tests.
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/setup.ts', 'tests/server/setup-openapi.ts'],
          globalSetup: ['tests/server/pg/global-setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        // The server's whole suite a second time, on PostgreSQL (tests/server/store-under-test.ts): every test file
        // that speaks to the server, the CLIs and the store, minus those about the SQLite file itself (its migrations
        // from older schemas; `npm run backup`, a copy of the file, and a server restored from one: PostgreSQL refuses
        // that command for pg_dump, which pg-store.test.ts checks) and the store's own contract tests, which the
        // `server` project runs on both.
        test: {
          name: 'server-pg',
          include: ['tests/server/**/*.test.ts'],
          exclude: ['tests/server/store/**', 'tests/server/pg/**', 'tests/server/migration.test.ts', 'tests/server/backup.test.ts'],
          environment: 'node',
          env: { TNE13_TEST_STORE: 'postgres' },
          setupFiles: ['tests/setup.ts', 'tests/server/setup-openapi.ts'],
          globalSetup: ['tests/server/pg/global-setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: { name: 'ui', include: ['tests/**/*.test.tsx'], environment: 'happy-dom', setupFiles: ['tests/setup.ts'], testTimeout: 20_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          // The app's walks in tests/e2e/, and a module's own browser tests beside its unit tests (tests/photos/).
          include: ['tests/**/*.e2e.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // A guard against a page that never gets there, not a speed check: the browser shares 2 cores with the
          // server and the test runner, and one second (Vitest's default) was sometimes too short for a first sync.
          expect: { poll: { timeout: 15_000 } },
          fileParallelism: false,
          // After every other project: the browser, the server it talks to and the test share the machine's two cores
          // with nothing else (the server suite, run twice since it has two stores, made a first sync miss 20 s).
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
}));
