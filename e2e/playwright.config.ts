// Browser tests: Debian's Chromium against the production build served by a real server (see global-setup.ts).
import { defineConfig } from '@playwright/test'

// Lets routes see the service worker's own requests, so a spec can take a tablet offline entirely
// (setTabletOnline in support/offline-tablet.ts). Read when a browser starts, in each worker.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1'

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]

export default defineConfig({
  testDir: './specs',
  // Playwright empties its output folder at start: engineers running specs at once each name their own.
  outputDir: process.env.E2E_OUTPUT_DIR ?? '../test-results/e2e',
  globalSetup: './global-setup.ts',
  // Tests share one server; each pairs its own tablets, so files may run in parallel.
  workers: 2,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [['list'], ['html', { outputFolder: process.env.E2E_REPORT_DIR ?? '../playwright-report', open: 'never' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
})
