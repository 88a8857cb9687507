// Build-time environment of the kiosk app (only VITE_* variables reach the browser).
/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Seconds without a touch before the "Still there?" countdown starts (default 90). */
  readonly VITE_IDLE_S?: string
  /** Seconds the "Still there?" countdown lasts before the tablet resets (default 15). */
  readonly VITE_IDLE_COUNTDOWN_S?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
