// Build-time environment of the kiosk app (only VITE_* variables reach the browser).
/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Seconds without a touch before the "Still there?" countdown starts (default 90). */
  readonly VITE_IDLE_S?: string
  /** Seconds the "Still there?" countdown lasts before the tablet resets (default 15). */
  readonly VITE_IDLE_COUNTDOWN_S?: string
  /** Name of this build (release, commit), shown as `data-build` on the page's root element. */
  readonly VITE_APP_BUILD?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
