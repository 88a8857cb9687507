// The kitchen ticket: table, order number and time at the top, then each dish with its options and notes in
// large type, so a cook reads it from a step away. One ticket per printer, with the dishes routed to it.
import { EscPos } from './escpos.js'
import { PAPER_COLUMNS, rule, wrap } from './columns.js'
import { TICKET_WORDS } from './ticket-words.js'
import type { PrinterLanguage } from '#shared/schemas/printer.js'

export interface TicketLine {
  quantity: number
  /** The dish's name in the printer's language. */
  name: string
  options: string[]
  note: string | null
}

export interface KitchenTicket {
  language: PrinterLanguage
  tableLabel: string
  orderNumber: number
  /** Store-local wall clock of when the order was placed: YYYY-MM-DD and HH:mm. */
  date: string
  time: string
  lines: TicketLine[]
  orderNote: string | null
  /** Printed again from the console: marked so the kitchen does not cook it twice by mistake. */
  reprint: boolean
  /** The printer's own name at the foot ("Bar"), so a ticket that went astray says where it belonged. */
  printerName: string
}

/** Double width and height: 24 columns on 80 mm paper. */
export const LARGE_COLUMNS = PAPER_COLUMNS / 2

/** Each dish in large type, its options and note indented under it (kitchen and cancel tickets alike). */
export function writeTicketLines (out: EscPos, lines: readonly TicketLine[], noteWord: string): void {
  for (const line of lines) {
    out.bold(true).size(2, 2)
    for (const text of wrap(`${line.quantity} x ${line.name}`, LARGE_COLUMNS, 2)) out.line(text)
    out.bold(false)
    for (const option of line.options) for (const text of wrap(`+ ${option}`, LARGE_COLUMNS - 2, 2)) out.line(`  ${text}`)
    if (line.note !== null) for (const text of wrap(`! ${noteWord}: ${line.note}`, LARGE_COLUMNS - 2, 2)) out.line(`  ${text}`)
  }
}

export function kitchenTicket (ticket: KitchenTicket): Buffer {
  const words = TICKET_WORDS[ticket.language]
  const out = new EscPos().init().chineseMode()
  out.align('center')
  if (ticket.reprint) out.bold(true).size(1, 1).line(words.reprint)
  out.bold(true).size(2, 2)
  for (const text of wrap(`${words.table} ${ticket.tableLabel}`, LARGE_COLUMNS)) out.line(text)
  out.line(`${words.order} #${ticket.orderNumber}`)
  out.bold(false).size(1, 1).line(`${ticket.date} ${ticket.time}`)
  out.align('left').line(rule(PAPER_COLUMNS))
  writeTicketLines(out, ticket.lines, words.note)
  out.size(1, 1).line(rule(PAPER_COLUMNS))
  if (ticket.orderNote !== null) {
    out.bold(true).size(2, 2)
    for (const text of wrap(`${words.orderNote}: ${ticket.orderNote}`, LARGE_COLUMNS)) out.line(text)
    out.bold(false).size(1, 1)
  }
  out.align('center').line(ticket.printerName)
  return out.feed(4).cut().build()
}
