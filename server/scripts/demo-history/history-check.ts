// A pay-first check at one table as the server keeps it (services/check-ledger.ts, services/checks.ts): it
// closes itself only when a payment is paid and nothing is left owing; otherwise staff close it when the
// table leaves, with a reason, and at the end of the day cancel what was left unpaid so no order waits forever.
import type { Random } from './random.js'
import type { CheckRecord, OrderRecord } from './records.js'

const MINUTE = 60_000
const SECOND = 1000

export const WALKOUT_REASON = 'Left without paying'
export const NOTHING_OWED_REASON = 'Table left, nothing owed'
export const NOT_PAID_REASON = 'Not paid — diner left'

/** Staff tidy the board after the last table leaves (the room closes at 22:30): 22:40–22:59 local. */
const TIDY_UP_MINUTES = [22 * 60 + 40, 22 * 60 + 59] as const

/** What became of one order of the check, as far as the check is concerned. */
export interface CheckEntry {
  /** When it stopped owing (paid, or cancelled before payment); null: never (left unpaid). */
  settledAt: number | null
  /** When its payment was paid: a moment the server looks whether the check owes nothing. */
  paidAt: number | null
  /** Its QR's deadline when left unpaid: the reconciler cancels the payment then. */
  expiresAt: number | null
  order: OrderRecord
}

export class HistoryCheck {
  readonly record: CheckRecord
  readonly diners = new Map<string, number>()
  readonly #entries: CheckEntry[] = []

  constructor (random: Random, tableId: string, at: number) {
    this.record = { id: random.id('chk'), table_id: tableId, status: 'closed', payment_mode: 'pay-first', opened_at: new Date(at).toISOString(), closed_at: '', close_reason: null }
  }

  add (entry: CheckEntry): void {
    this.#entries.push(entry)
  }

  /**
   * When the check closed itself: the first payment paid once no order of it was still owing (settleCheck).
   * A cancellation after the last payment closes nothing, so such a check stays open: null, as with an unpaid order.
   */
  closesAt (): number | null {
    if (this.#entries.some(entry => entry.settledAt === null)) return null
    const last = Math.max(...this.#entries.map(entry => entry.settledAt!))
    const closings = this.#entries.flatMap(entry => entry.paidAt !== null && entry.paidAt >= last ? [entry.paidAt] : [])
    return closings.length === 0 ? null : Math.min(...closings)
  }

  isOpenAt (at: number): boolean {
    return (this.closesAt() ?? Number.POSITIVE_INFINITY) > at
  }

  /**
   * Closes the check: by itself when it did, else by staff with a reason when the table left (`leftAt`, but
   * not before its last order settled or its QR ran out, nor after `closeBy`); orders left unpaid are
   * cancelled when staff tidy up at the end of the day (`dayStart` is its local midnight).
   */
  close (random: Random, { leftAt, dayStart, closeBy }: { leftAt: number, dayStart: number, closeBy: number }): void {
    const closedAt = this.closesAt()
    if (closedAt !== null) {
      this.record.closed_at = new Date(closedAt).toISOString()
      return
    }
    const unpaid = this.#entries.filter(entry => entry.settledAt === null)
    const lastEvent = Math.max(...this.#entries.map(entry => entry.settledAt ?? entry.expiresAt ?? 0))
    const staffAt = Math.min(Math.max(leftAt, lastEvent + 30 * SECOND), closeBy)
    this.record.closed_at = new Date(staffAt).toISOString()
    this.record.close_reason = unpaid.length > 0 ? WALKOUT_REASON : NOTHING_OWED_REASON
    if (unpaid.length === 0) return
    const tidyAt = dayStart + random.int(...TIDY_UP_MINUTES) * MINUTE + random.int(0, 59) * SECOND
    // closeBy is at most a minute before the history ends: the cancellations stay inside it.
    const cancelledAt = new Date(Math.max(tidyAt, staffAt + SECOND)).toISOString()
    for (const { order } of unpaid) Object.assign(order, { status: 'cancelled', cancel_reason: NOT_PAID_REASON, updated_at: cancelledAt })
  }
}
