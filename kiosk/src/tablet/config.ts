// Tablet timings: defaults for a restaurant, overridable per build (VITE_*) or per URL for tests and demos.

export interface KioskConfig {
  /** Time without a touch before the "Still there?" countdown. */
  idleMs: number
  /** Length of the "Still there?" countdown before the tablet resets for the next diner. */
  idleCountdownMs: number
  /** How often an open payment is re-read while the server has not pushed a change. */
  paymentPollMs: number
  /** How long before its expiry a pairing code is replaced by a fresh one. */
  pairingRenewMarginMs: number
  /** How often an unpaired tablet asks whether staff paired it (fallback for a lost event stream). */
  pairingPollMs: number
}

export const DEFAULT_CONFIG: Readonly<KioskConfig> = {
  idleMs: 90_000,
  idleCountdownMs: 15_000,
  paymentPollMs: 3_000,
  pairingRenewMarginMs: 60_000,
  pairingPollMs: 10_000,
}

function seconds (value: string | null | undefined): number | null {
  if (value === null || value === undefined || value.trim() === '') return null
  const parsed = Number(value)
  return Number.isFinite(parsed) && parsed > 0 ? Math.round(parsed * 1000) : null
}

/** The URL wins over the build, so an end-to-end test can shorten the idle timer without a rebuild. */
export function readConfig (search: string, env: Partial<Record<'VITE_IDLE_S' | 'VITE_IDLE_COUNTDOWN_S', string>>): KioskConfig {
  const query = new URLSearchParams(search)
  return {
    ...DEFAULT_CONFIG,
    idleMs: seconds(query.get('idle')) ?? seconds(env.VITE_IDLE_S) ?? DEFAULT_CONFIG.idleMs,
    idleCountdownMs: seconds(query.get('idleCountdown')) ?? seconds(env.VITE_IDLE_COUNTDOWN_S) ?? DEFAULT_CONFIG.idleCountdownMs,
  }
}
