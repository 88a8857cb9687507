// Queues an order's kitchen tickets in the transaction that sends it to the kitchen, so the order never reaches
// the kitchen without its tickets (and a rolled-back payment never prints one). The order reaches the kitchen
// once: when it becomes paid (pay-first), or when it is placed (tab, or an order with nothing to pay).
import type { Db } from '../db/database.js'
import { findCheck } from '../repositories/checks.js'
import { insertPrintJobs, orderLineCategories, type NewPrintJob } from '../repositories/print-jobs.js'
import { ticketPrinters } from '../repositories/printers.js'
import { routeLines } from './routing.js'
import { PaymentModeEnum } from '#shared/schemas/check.js'
import type { PrinterRouting } from '#shared/schemas/printer.js'

export interface QueuedJob {
  id: number
  printerId: string
}

export interface TicketRequest {
  orderId: string
  kind: 'kitchen' | 'reprint'
  at: string
  staffId?: string | null
  /** Only this printer (a reprint asked for one printer: the whole order on it). */
  printerId?: string
}

/** Jobs for each printer the order's dishes are routed to (none without printers). */
export async function queueTickets (db: Db, request: TicketRequest): Promise<QueuedJob[]> {
  const printers = (await ticketPrinters(db, {})).rows
  if (printers.length === 0 && request.printerId === undefined) return []
  const lines = await orderLineCategories(db, request.orderId)
  const routed = request.printerId !== undefined
    ? new Map([[request.printerId, lines.map(line => line.lineNo)]])
    : routeLines(printers.map(printer => ({
      id: printer.id, routing: printer.routing as PrinterRouting, categoryIds: JSON.parse(printer.category_ids) as string[],
    })), lines)
  const jobs: NewPrintJob[] = [...routed].map(([printerId, lineNos]) => ({
    printerId, kind: request.kind, orderId: request.orderId, lineNos, staffId: request.staffId ?? null, createdAt: request.at,
  }))
  return insertPrintJobs(db, jobs)
}

/** An order just stored: its tickets now if it goes to the kitchen at once (tab mode, or nothing to pay). */
export async function queueTicketsOnPlaced (db: Db, orderId: string, goesToKitchen: boolean, at: string): Promise<void> {
  if (goesToKitchen) await queueTickets(db, { orderId, kind: 'kitchen', at })
}

/**
 * An order just moved placed → paid: its tickets now in pay-first. A tab order's tickets went out when it was
 * placed (paying it at the counter later must not print it again).
 */
export async function queueTicketsOnPaid (db: Db, orderId: string, checkId: string | null, at: string): Promise<void> {
  if ((await ticketPrinters(db, {})).rows.length === 0) return
  const check = checkId === null ? undefined : await findCheck(db, checkId)
  if (check?.payment_mode === PaymentModeEnum.TAB) return
  await queueTickets(db, { orderId, kind: 'kitchen', at })
}
