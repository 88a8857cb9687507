// The timings of a new app version (how often to look, how long a takeover may take) and how to tell builds apart.
// Whether it may take over now is tablet/policy.ts's answer (mayApplyUpdate).

/** How often the tablet asks the server for a new service worker (it never navigates by itself). */
export const UPDATE_CHECK_MS = 15 * 60_000

/**
 * How long the old worker may take to hand over after SKIP_WAITING. Chromium activates the new worker only once
 * the old one has nothing in flight for this page; if that does not happen, a reload (between diners) frees it.
 */
export const TAKEOVER_TIMEOUT_MS = 5_000

/** The entry script an index.html loads: two builds differ in it, so it tells which version a page runs. */
export function entryScriptOf (html: string): string | null {
  return /<script\b[^>]*type="module"[^>]*\bsrc="([^"]+)"/.exec(html)?.[1] ?? null
}
