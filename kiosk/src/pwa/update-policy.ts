// When a tablet may check for and switch to a new app version: between diners only, never under one.

/** How often the tablet asks the server for a new service worker (it never navigates by itself). */
export const UPDATE_CHECK_MS = 15 * 60_000

/** What the tablet is doing, as far as an update is concerned. */
export interface TabletMoment {
  /** The tablet's screen (pairing counts as its own screen). */
  screen: 'pairing' | 'attract' | 'menu' | 'pay' | 'thanks' | 'loading'
  /** A diner's cart, language or screen is on the tablet. */
  dinerPresent: boolean
  paymentOpen: boolean
  /** An order is on its way to the server (sending, or saved and waiting for the connection). */
  sending: boolean
  /** Staff have the device panel open. */
  staffMode: boolean
}

/** A waiting update is applied only on the attract screen with nothing of a diner left: a reload costs nobody anything. */
export function canApplyUpdate (moment: TabletMoment): boolean {
  return moment.screen === 'attract' && !moment.dinerPresent && !moment.paymentOpen && !moment.sending && !moment.staffMode
}

/**
 * How long the old worker may take to hand over after SKIP_WAITING. Chromium activates the new worker only once
 * the old one has nothing in flight for this page; if that does not happen, a reload (between diners) frees it.
 */
export const TAKEOVER_TIMEOUT_MS = 5_000

/** The entry script an index.html loads: two builds differ in it, so it tells which version a page runs. */
export function entryScriptOf (html: string): string | null {
  return /<script\b[^>]*type="module"[^>]*\bsrc="([^"]+)"/.exec(html)?.[1] ?? null
}
