// vite-plugin-pwa options: our own service worker (injectManifest) and a web app manifest fit for a table kiosk.
import type { VitePWAOptions } from 'vite-plugin-pwa'

const BACKGROUND = '#fbf6ee'

export const PWA_OPTIONS: Partial<VitePWAOptions> = {
  // We need custom routes, the SKIP_WAITING message and a Background Sync handler: our own worker.
  strategies: 'injectManifest',
  srcDir: 'src',
  filename: 'sw.ts',
  // A tablet never reloads under a diner: the update waits until the attract screen (useAppUpdate).
  registerType: 'prompt',
  // Registered lazily by useAppUpdate, after start-up, so workbox-window stays out of the first bundle.
  injectRegister: false,
  // globPatterns below already precaches every icon; listing them twice only duplicates entries.
  includeManifestIcons: false,
  manifest: {
    id: '/',
    name: 'Tablepad — order at your table',
    short_name: 'Tablepad',
    description: 'Order and pay at your table.',
    lang: 'en',
    start_url: '/',
    scope: '/',
    display: 'fullscreen',
    orientation: 'landscape',
    theme_color: BACKGROUND,
    background_color: BACKGROUND,
    icons: [
      { src: '/pwa-192x192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/pwa-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/maskable-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  injectManifest: {
    // The whole shell, lazy screens and icons included: the tablet must start with no network at all.
    globPatterns: ['**/*.{js,css,html,svg,png}'],
    // One classic script: registered without `type: 'module'`, which older kiosk WebViews lack.
    rollupFormat: 'iife',
  },
  // The worker is only built for production; `npm run dev` runs without it.
  devOptions: { enabled: false },
}
