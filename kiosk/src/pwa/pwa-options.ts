// vite-plugin-pwa options: our own service worker (injectManifest) and a web app manifest fit for a table kiosk.
import type { VitePWAOptions } from 'vite-plugin-pwa'

const BACKGROUND = '#fbf6ee'

/** The faces a tablet never runs: their chunks go to their own folders, left out of the precache (fetched on demand). */
const LAZY_FACES = ['staff', 'phone'] as const
type LazyFace = typeof LAZY_FACES[number]

/** Files a tablet must not precache: the staff console's and the phone page's chunks and their CSS. */
export const FACE_ONLY_GLOBS = LAZY_FACES.map(face => `assets/${face}/**`)

/**
 * The face a chunk belongs to, from the modules in it. A face never imports another face, so a chunk holding any
 * module of kiosk/src/staff/ is needed by the console alone (likewise phone/); a chunk of core code only is shared.
 */
function faceOfModules (moduleIds: readonly string[]): LazyFace | null {
  for (const face of LAZY_FACES) {
    if (moduleIds.some(id => id.replaceAll('\\', '/').includes(`/kiosk/src/${face}/`))) return face
  }
  return null
}

/** A chunk's CSS is named after its chunk: remembered here, so the CSS lands in the same folder. */
const faceOfChunkName = new Map<string, LazyFace | 'shared'>()

/** Rollup's output.chunkFileNames: staff and phone chunks under assets/staff/ and assets/phone/. */
export function faceChunkFileNames (chunk: { name: string, moduleIds: readonly string[] }): string {
  const face = faceOfModules(chunk.moduleIds)
  const known = faceOfChunkName.get(chunk.name)
  // Two chunks of one name in different places: their CSS cannot be told apart, so it stays precached.
  faceOfChunkName.set(chunk.name, known === undefined || known === (face ?? 'shared') ? face ?? 'shared' : 'shared')
  return face ? `assets/${face}/[name]-[hash].js` : 'assets/[name]-[hash].js'
}

/** Rollup's output.assetFileNames: a staff or phone component's CSS goes to that face's folder too. */
export function faceAssetFileNames (asset: { names: readonly string[], originalFileNames: readonly string[] }): string {
  const source = asset.originalFileNames[0]?.replaceAll('\\', '/') ?? ''
  const name = asset.names[0] ?? ''
  const face = LAZY_FACES.find(candidate => source.startsWith(`src/${candidate}/`)) ??
    (name.endsWith('.css') ? faceOfChunkName.get(name.slice(0, -'.css'.length)) : undefined)
  return face && face !== 'shared' ? `assets/${face}/[name]-[hash][extname]` : 'assets/[name]-[hash][extname]'
}

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
    // The whole shell, lazy screens and icons included: the tablet must start with no network at all. The staff
    // console and the phone page are not the tablet's: they stay on the server, loaded when someone opens them.
    globPatterns: ['**/*.{js,css,html,svg,png}'],
    globIgnores: FACE_ONLY_GLOBS,
    // One classic script: registered without `type: 'module'`, which older kiosk WebViews lack.
    rollupFormat: 'iife',
  },
  // The worker is only built for production; `npm run dev` runs without it.
  devOptions: { enabled: false },
}
