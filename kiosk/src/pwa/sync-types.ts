// The Background Sync API as far as we use it; TypeScript's DOM and WebWorker libraries do not have it.

/** `registration.sync` where the browser has Background Sync (Chromium), absent elsewhere. */
export interface SyncManagerLike {
  register: (tag: string) => Promise<void>
}

/** The `sync` event a service worker receives when the browser thinks the network is back. */
export interface SyncEventLike extends ExtendableEvent {
  readonly tag: string
  readonly lastChance: boolean
}
