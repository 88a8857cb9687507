// The customer's receipt, printed at the counter on demand: itemised, with totals and how it was paid (Alipay
// with its trade number, which the diner's Alipay app shows too).
import { EscPos } from './escpos.js'
import { PAPER_COLUMNS, rule, spread, wrap } from './columns.js'
import { TICKET_WORDS } from './ticket-words.js'
import type { PrinterLanguage } from '#shared/schemas/printer.js'

export interface ReceiptLine {
  quantity: number
  name: string
  /** Options as printed, with their price change when they have one ("Large (+¥3.00)"). */
  options: string[]
  note: string | null
  /** Formatted money. */
  lineTotal: string
}

export interface ReceiptPayment {
  /** Formatted money: what this payment put towards the order. */
  amount: string
  tradeNo: string | null
  /** Store-local "YYYY-MM-DD HH:mm", or null when unknown. */
  paidAt: string | null
  /** Formatted money refunded from it, or null when nothing was. */
  refunded: string | null
}

export interface Receipt {
  language: PrinterLanguage
  storeName: string
  tableLabel: string
  orderNumber: number
  /** Store-local "YYYY-MM-DD HH:mm" of the order. */
  placedAt: string
  lines: ReceiptLine[]
  /** Shown only when it differs from the total. */
  subtotal: string | null
  total: string
  payments: ReceiptPayment[]
}

export function receipt (content: Receipt): Buffer {
  const words = TICKET_WORDS[content.language]
  const width = PAPER_COLUMNS
  const out = new EscPos().init().chineseMode()
  out.align('center').bold(true).size(2, 2)
  for (const text of wrap(content.storeName, width / 2)) out.line(text)
  out.size(1, 1).line(words.receipt).bold(false)
  out.line(`${words.order} #${content.orderNumber}  ${words.table} ${content.tableLabel}`)
  out.line(content.placedAt)
  out.align('left').line(rule(width))
  for (const line of content.lines) {
    for (const text of spread(`${line.quantity} x ${line.name}`, line.lineTotal, width)) out.line(text)
    for (const option of line.options) for (const text of wrap(`+ ${option}`, width - 3)) out.line(`   ${text}`)
    if (line.note !== null) for (const text of wrap(`${words.note}: ${line.note}`, width - 3)) out.line(`   ${text}`)
  }
  out.line(rule(width))
  if (content.subtotal !== null) for (const text of spread(words.subtotal, content.subtotal, width)) out.line(text)
  out.bold(true).size(1, 2)
  for (const text of spread(words.total, content.total, width)) out.line(text)
  out.bold(false).size(1, 1)
  if (content.payments.length === 0) out.line(words.notPaid)
  for (const payment of content.payments) {
    for (const text of spread(words.paidByAlipay, payment.amount, width)) out.line(text)
    if (payment.tradeNo !== null) out.line(`${words.tradeNo}: ${payment.tradeNo}`)
    if (payment.paidAt !== null) out.line(`${words.paidAt}: ${payment.paidAt}`)
    if (payment.refunded !== null) for (const text of spread(words.refunded, `-${payment.refunded}`, width)) out.line(text)
  }
  out.line(rule(width)).align('center').line(words.thanks)
  return out.feed(4).cut().build()
}
