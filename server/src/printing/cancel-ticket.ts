// The cancel ticket: an order the kitchen was given is cancelled. Marked at its top and foot (a ticket on the
// rail shows one end), then in large type the table, order number, when it was cancelled, the dishes the
// printer had, and why — so a cook stops the right dishes from a step away.
import { EscPos } from './escpos.js'
import { PAPER_COLUMNS, rule, wrap } from './columns.js'
import { TICKET_WORDS } from './ticket-words.js'
import { LARGE_COLUMNS, writeTicketLines, type TicketLine } from './kitchen-ticket.js'
import type { PrinterLanguage } from '#shared/schemas/printer.js'

export interface CancelTicket {
  language: PrinterLanguage
  tableLabel: string
  orderNumber: number
  /** Store-local wall clocks (YYYY-MM-DD, HH:mm) of the order and of its cancel. */
  placed: { date: string, time: string }
  cancelled: { date: string, time: string }
  /** The dishes this printer's tickets of the order had. */
  lines: TicketLine[]
  /** Why, in words (staff's text, or the server's reason in the printer's language); null if none was kept. */
  reason: string | null
  printerName: string
}

export function cancelTicket (ticket: CancelTicket): Buffer {
  const words = TICKET_WORDS[ticket.language]
  const out = new EscPos().init().chineseMode()
  out.align('center').bold(true).size(2, 2).line(words.cancelled).line(words.doNotPrepare)
  for (const text of wrap(`${words.table} ${ticket.tableLabel}`, LARGE_COLUMNS)) out.line(text)
  out.line(`${words.order} #${ticket.orderNumber}`)
  out.line(`${words.cancelledAt} ${ticket.cancelled.time}`)
  out.bold(false).size(1, 1).line(ticket.cancelled.date)
  out.line(`${words.placedAt} ${ticket.placed.date} ${ticket.placed.time}`)
  out.align('left').line(rule(PAPER_COLUMNS))
  writeTicketLines(out, ticket.lines, words.note)
  out.size(1, 1).line(rule(PAPER_COLUMNS))
  if (ticket.reason !== null) {
    out.bold(true).size(2, 2)
    for (const text of wrap(`${words.reason}: ${ticket.reason}`, LARGE_COLUMNS)) out.line(text)
  }
  out.align('center').bold(true).size(2, 2).line(words.cancelled)
  out.bold(false).size(1, 1).line(ticket.printerName)
  return out.feed(4).cut().build()
}
