// The store this device logs in to, when several restaurants share the server: typed once at the PIN screen after
// the server asked (STORE_REQUIRED), then remembered here so the next person only types their PIN.
const STORE_SLUG_KEY = 'tablepad-staff-store'

/** The short name this device logged in with last, or '' (a single-store server never asks for one). */
export function rememberedStoreSlug (): string {
  try {
    return localStorage.getItem(STORE_SLUG_KEY) ?? ''
  } catch {
    // Storage blocked: the field asks again after the next refusal.
    return ''
  }
}

export function rememberStoreSlug (slug: string): void {
  try {
    localStorage.setItem(STORE_SLUG_KEY, slug)
  } catch {
    // Not remembered; this login still works.
  }
}

/** Store names are lower case; people type "Lotus-East " on a phone keyboard that capitalises. */
export function normalizeStoreSlug (typed: string): string {
  return typed.trim().toLowerCase()
}
