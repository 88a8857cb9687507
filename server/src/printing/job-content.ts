// A queued job's bytes, built when it is printed: from the order's stored lines (snapshots that never change)
// in the printer's current language, so a language changed while the printer was off applies to what waits.
import type { Db } from '../db/database.js'
import type { PrinterRow, PrintJobRow } from '../db/schema.js'
import { loadOrder } from '../repositories/orders.js'
import { receiptPayments, tableChineseLabel } from '../repositories/print-jobs.js'
import { localTime } from '../reports/report-dates.js'
import { cancelTicket } from './cancel-ticket.js'
import { kitchenTicket } from './kitchen-ticket.js'
import { receipt } from './receipt.js'
import { testPage } from './test-page.js'
import { TICKET_WORDS } from './ticket-words.js'
import { formatMoney } from '#shared/money.js'
import type { PrinterLanguage } from '#shared/schemas/printer.js'
import { CANCEL_REASONS, type CancelReason, type OrderLine } from '#shared/schemas/order.js'

export interface JobContentDeps {
  db: Db
  store: { name: string, currency: string, timezone: string }
}

const pad = (value: number): string => String(value).padStart(2, '0')

/** Store-local date and HH:mm of an instant. */
function wallClock (instant: string, timeZone: string): { date: string, time: string } {
  const local = localTime(instant, timeZone)
  return { date: local.date, time: `${pad(local.hour)}:${pad(local.minute)}` }
}

function optionText (line: OrderLine, language: PrinterLanguage, money: (minor: number) => string | null): string[] {
  return line.options.map(option => {
    const price = option.priceDelta !== 0 ? money(option.priceDelta) : null
    return price === null ? option.names[language] : `${option.names[language]} (${option.priceDelta > 0 ? '+' : ''}${price})`
  })
}

/** The job's bytes; null when there is nothing left to print (its order is gone). */
export async function jobContent (deps: JobContentDeps, job: PrintJobRow, printer: PrinterRow): Promise<Buffer | null> {
  const language = printer.language as PrinterLanguage
  const { timezone, currency } = deps.store
  if (job.kind === 'test') {
    const at = wallClock(new Date().toISOString(), timezone)
    return testPage({ language, printerName: printer.name, address: `${printer.host}:${printer.port}`, printedAt: `${at.date} ${at.time}` })
  }
  const order = job.order_id === null ? null : await loadOrder(deps.db, job.order_id)
  if (!order) return null
  const labelZh = language === 'zh-CN' ? await tableChineseLabel(deps.db, order.tableId) : null
  const tableLabel = labelZh ?? order.tableLabel
  const placed = wallClock(order.createdAt, timezone)
  const money = (minor: number): string => formatMoney(minor, currency, language)
  if (job.kind === 'receipt') {
    const payments = await receiptPayments(deps.db, order.id)
    return receipt({
      language,
      storeName: deps.store.name,
      tableLabel,
      orderNumber: order.number,
      placedAt: `${placed.date} ${placed.time}`,
      lines: order.lines.map(line => ({
        quantity: line.quantity, name: line.names[language], options: optionText(line, language, money), note: line.note, lineTotal: money(line.lineTotal),
      })),
      subtotal: order.subtotal !== order.total ? money(order.subtotal) : null,
      total: money(order.total),
      payments: payments.map(payment => {
        const paid = payment.paidAt === null ? null : wallClock(payment.paidAt, timezone)
        return {
          amount: money(payment.amount),
          tradeNo: payment.tradeNo,
          paidAt: paid === null ? null : `${paid.date} ${paid.time}`,
          refunded: payment.refundedAmount > 0 ? money(payment.refundedAmount) : null,
        }
      }),
    })
  }
  const lineNos = new Set(job.line_nos === null ? order.lines.map((_, index) => index + 1) : JSON.parse(job.line_nos) as number[])
  const lines = order.lines.filter((_, index) => lineNos.has(index + 1)).map(line => ({
    quantity: line.quantity, name: line.names[language], options: optionText(line, language, () => null), note: line.note,
  }))
  if (job.kind === 'cancel') {
    const reason = order.cancelReason
    return cancelTicket({
      language,
      tableLabel,
      orderNumber: order.number,
      placed,
      // The job was written with the cancel: its time is the cancel's.
      cancelled: wallClock(job.created_at, timezone),
      lines,
      reason: reason !== null && (CANCEL_REASONS as readonly string[]).includes(reason) ? TICKET_WORDS[language].cancelReasons[reason as CancelReason] : reason,
      printerName: printer.name,
    })
  }
  return kitchenTicket({
    language,
    tableLabel,
    orderNumber: order.number,
    date: placed.date,
    time: placed.time,
    lines,
    orderNote: order.note,
    reprint: job.kind === 'reprint',
    printerName: printer.name,
  })
}
