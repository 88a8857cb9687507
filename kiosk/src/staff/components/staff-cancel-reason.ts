// An order's cancel reason as the console says it: the server's own codes (an order nobody paid in time) in words, staff's text as typed.
import { CANCEL_REASONS, type CancelReason } from '@shared/schemas/order'

function isServerReason (reason: string): reason is CancelReason {
  return (CANCEL_REASONS as readonly string[]).includes(reason)
}

/** The message key for a server-written reason, or null for a staff member's own words. */
export function cancelReasonKey (reason: string): string | null {
  return isServerReason(reason) ? `console.cancelReason.${reason}` : null
}
