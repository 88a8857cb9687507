// When the reconciler looks at a payment or refund again (docs/alipay.md, "QR lifetime and polling": query every 3–6 s while a diner waits).
export const POLL_WHILE_WAITING_MS = 3000
export const MIN_RETRY_MS = 3000
export const MAX_RETRY_MS = 10 * 60_000
/** Unknown outcomes are queried for a day; Alipay's cancel window is 24 h too. */
export const GIVE_UP_AFTER_MS = 24 * 3600_000
/** Alipay's own trade timeout, a safety net if this server is down when the QR expires. */
export const MIN_ALIPAY_TIMEOUT_MINUTES = 5

/** Backoff that grows with how long the outcome has been unknown: 3 s at first, at most 10 min. */
export function retryDelayMs (unknownForMs: number): number {
  return Math.min(MAX_RETRY_MS, Math.max(MIN_RETRY_MS, Math.floor(unknownForMs / 4)))
}

export function isoAfter (now: number, ms: number): string {
  return new Date(now + ms).toISOString()
}
