// Vite builds the kiosk app (tablet, staff and phone faces); Vitest runs one project per package.
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite'
import { VitePWA } from 'vite-plugin-pwa'
import { PWA_OPTIONS, faceAssetFileNames, faceChunkFileNames } from './kiosk/src/pwa/pwa-options.ts'
import { vueI18nStaticVue } from './kiosk/vite/vue-i18n-static-vue.ts'

const serverPort = Number(process.env.PORT ?? 8080)

/**
 * The ordinary integration tests the server-pg project runs again on PostgreSQL (TEST_DATABASE=postgres).
 * `npm test` takes the core: the paths whose SQL, transactions or concurrency differ most between the databases
 * (concurrent orders, alert counting, check payments).
 * `npm run test:postgres` (TEST_PG_SUITE=full) takes every route family and more; the rest of the server suite is
 * the same code above the database. CI's time budget (well under 30 minutes on 2 cores) decides the split.
 */
const SERVER_PG_CORE = [
  // The board, the search, QR payments, cancel-and-refund and the sales report run on PostgreSQL in the PostgreSQL
  // tests themselves (routes/store-isolation.pg, multiprocess/three-processes.pg, stores/two-stores-payments.pg,
  // leases/creation-lease.pg, db/dialect.pg): their own files are in the full suite only.
  'server/test/routes/orders-concurrent.test.ts',
  // Counts concurrent occurrences into one row: a read-then-write lost updates only on PostgreSQL.
  'server/test/payments/alert-summaries.test.ts',
  'server/test/checks/check-payments.test.ts',
]
const SERVER_PG_FULL = [
  ...SERVER_PG_CORE,
  'server/test/routes/**/*.test.ts',
  'server/test/payments/{qr-flow,cancel-refund,late-success,refund-unconfirmed,unpaid-orders}.test.ts',
  'server/test/checks/{check-jsapi,check-modes,table-check}.test.ts',
  'server/test/reconciliation/{service,nightly}.test.ts',
  'server/test/reports/{sales-report,day-report-close,diners,refunds-against-sales}.test.ts',
  'server/test/printing/{kitchen-tickets,cancel-tickets}.test.ts',
  'server/test/repositories/*.test.ts',
]
const SERVER_PG_SUITE = process.env.TEST_PG_SUITE === 'full' ? SERVER_PG_FULL : SERVER_PG_CORE

export default defineConfig({
  root: 'kiosk',
  plugins: [
    // Every component is <script setup>: the Options API only costs bundle size. No devtools hooks or hydration
    // details in production (both are plugin-vue's defaults, stated here so the first bundle stays free of them).
    vue({ features: { optionsAPI: false, prodDevtools: false, prodHydrationMismatchDetails: false } }),
    // Messages are compiled at build time, so the tablet ships vue-i18n without its message compiler.
    VueI18nPlugin({
      include: [fileURLToPath(new URL('./kiosk/src/*/i18n/**/*.json', import.meta.url))],
      runtimeOnly: true,
      compositionOnly: true,
      fullInstall: false,
      dropMessageCompiler: true,
      strictMessage: true,
    }),
    // Vue tree-shaken under vue-i18n too (see the plugin): the tablet's first screen ships only the Vue it uses.
    vueI18nStaticVue(),
    // The service worker (kiosk/src/sw.ts) and the web app manifest; options in kiosk/src/pwa/pwa-options.ts.
    VitePWA(PWA_OPTIONS),
  ],
  define: {
    // vue-i18n's devtools flag: unplugin-vue-i18n defines it under another name for Vite, so without this the
    // runtime keeps its devtools code and checks the flag at run time.
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./kiosk/src', import.meta.url)),
      '@shared': fileURLToPath(new URL('./shared/src', import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/kiosk', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: {
      // The staff console's and the phone page's chunks get folders of their own (FACE_ONLY_GLOBS), which the
      // tablet's service worker leaves out of its precache.
      output: {
        chunkFileNames: faceChunkFileNames,
        assetFileNames: faceAssetFileNames,
        // Everything the entry imports statically is loaded by every face before it can run. Left to itself, Rolldown
        // cuts it into several chunks along what the lazy faces share (Vue, Pinia, idb, the money formatter…): more
        // requests and a worse gzip for the same code. One group keeps it all in the entry's own chunk.
        codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] },
      },
    },
  },
  server: {
    // `npm run dev`: the API (and the sandbox emulator) run in the Fastify process.
    proxy: {
      '/api': { target: `http://127.0.0.1:${serverPort}`, changeOrigin: false },
      '/sandbox': { target: `http://127.0.0.1:${serverPort}` },
      '/media': { target: `http://127.0.0.1:${serverPort}` },
      // The phone's entry (/t/<code>, /t/callback) is the server's; /t/<code>/menu stays the app's.
      '^/t/[^/?]+/?(?:\\?|$)': { target: `http://127.0.0.1:${serverPort}` },
    },
  },
  test: {
    root: '.',
    // Two test files at a time. Vitest's default on a 2-core machine is one (cores − 1), and the server's tests
    // mostly wait (on SQLite's fsyncs, PostgreSQL, child servers, timers): one at a time left a core idle and took
    // CI's run toward half an hour.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'shared', root: '.', include: ['shared/src/**/__tests__/**/*.spec.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'server',
          root: '.',
          include: ['server/test/**/*.test.ts'],
          // PostgreSQL-only tests run in server-pg.
          exclude: ['**/*.pg.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        // The payment suite again, against Alipay Global's MAPI (the emulator's MAPI gateway): the same tests, the
        // other protocol (server/test/helper.ts reads TEST_ALIPAY_PROTOCOL).
        extends: true,
        test: {
          name: 'server-global',
          root: '.',
          include: ['server/test/payments/**/*.test.ts'],
          // The unpaid-order sweep and the forged-notification counting never reach Alipay's protocol.
          // Nor do the crash windows: a crash is the server's own, whichever protocol asked Alipay before it.
          exclude: ['**/*.pg.test.ts', 'server/test/payments/{unpaid-orders,alert-summaries,crash-windows,cancel-refund-crash}.test.ts'],
          environment: 'node',
          env: { TEST_ALIPAY_PROTOCOL: 'global' },
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        // PostgreSQL (issue 16): the PostgreSQL-only tests, and the integration suite again with every app on a
        // PostgreSQL database of its own (server/test/helper.ts reads TEST_DATABASE; pg-test-run.ts makes the run's
        // migrated template). Needs a server on TEST_PG_URL (127.0.0.1:5432 by default; .ci/run starts one).
        extends: true,
        test: {
          name: 'server-pg',
          root: '.',
          include: ['server/test/**/*.pg.test.ts', ...SERVER_PG_SUITE],
          environment: 'node',
          env: { TEST_DATABASE: 'postgres' },
          globalSetup: ['server/test/pg-test-run.ts'],
          // Twice the others': npm test runs this project beside the browser tests, and an app on PostgreSQL seeds
          // the demo chain (two stores, three PIN hashes) where SQLite seeds one restaurant.
          testTimeout: 40_000,
          hookTimeout: 40_000,
        },
      },
      {
        extends: true,
        test: { name: 'kiosk', root: '.', include: ['kiosk/src/**/__tests__/**/*.spec.ts'], environment: 'happy-dom' },
      },
    ],
  },
})
