// What the payment screen lists on its left: the order the server took, or — while the order is still being sent or
// waits on the tablet for the connection — the cart it was made from (no number yet).
import type { LocalizedText } from '@shared/schemas/common'
import type { Order } from '@shared/schemas/order'
import type { PricedCartLine } from '@/tablet/stores/cart'

export interface PaySummaryLine {
  quantity: number
  names: LocalizedText
  optionNames: LocalizedText[]
  note: string | null
  lineTotal: number
}

export interface PaySummary {
  /** The server's order number; null for an order not sent yet. */
  number: number | null
  lines: PaySummaryLine[]
  note: string | null
  total: number
}

export function summaryOfOrder (order: Order): PaySummary {
  return {
    number: order.number,
    lines: order.lines.map(line => ({
      quantity: line.quantity,
      names: line.names,
      optionNames: line.options.map(option => option.names),
      note: line.note,
      lineTotal: line.lineTotal,
    })),
    note: order.note,
    total: order.total,
  }
}

/** The cart as it was sent (only lines the shared pricing accepted: those are what the order holds). */
export function summaryOfCart (priced: readonly PricedCartLine[], note: string, total: number): PaySummary {
  return {
    number: null,
    lines: priced.flatMap(({ line, result }) => result.ok
      ? [{
          quantity: line.quantity,
          names: result.line.names,
          optionNames: result.line.options.map(option => option.names),
          note: line.note || null,
          lineTotal: result.line.lineTotal,
        }]
      : []),
    note: note.trim() || null,
    total,
  }
}
