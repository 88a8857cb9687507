// Tells the kitchen an order was cancelled: a "CANCELLED" ticket on each printer that was given the order's
// kitchen ticket, queued in the transaction that cancels it (a crash loses neither). Which printers comes
// from the jobs queued for the order, not from today's routing: the cooks who have the ticket are the ones to
// stop. An order that never reached the kitchen (an unpaid pay-first order) had no ticket and gets no cancel.
//
// A ticket still waiting behind another job on its printer (the printer is off) was provably never sent: it
// is dropped instead, and that printer gets no cancel unless it has another ticket of the order. A ticket
// that may have gone out (printed, at the head of its queue, tried before) keeps its place and the cancel
// prints after it, so the kitchen never holds a ticket without its cancel. See docs/printers.md.
import type { Db } from '../db/database.js'
import { deleteUnprintedJobs, insertPrintJobs, orderTicketJobs, type NewPrintJob } from '../repositories/print-jobs.js'
import type { QueuedJob } from './kitchen-queue.js'

export interface CancelTicketRequest {
  orderId: string
  /** When the order was cancelled: printed on the ticket. */
  at: string
  staffId?: string | null
}

export interface QueuedCancel {
  /** The cancel tickets, one per printer that may hold the order's ticket. */
  jobs: QueuedJob[]
  /** Tickets of the order that had not been sent yet and never will be. */
  dropped: number[]
}

/** Run in the cancel's transaction, after the order's status changed. */
export async function queueCancelTickets (db: Db, request: CancelTicketRequest): Promise<QueuedCancel> {
  const tickets = await orderTicketJobs(db, request.orderId)
  const dropped = tickets.filter(ticket => ticket.neverSent).map(ticket => ticket.id)
  await deleteUnprintedJobs(db, dropped)
  // Per printer, the lines of every ticket of the order it may have printed (null: all of them).
  const given = new Map<string, Set<number> | null>()
  for (const ticket of tickets) {
    if (ticket.neverSent) continue
    const lines = given.has(ticket.printerId) ? given.get(ticket.printerId)! : new Set<number>()
    if (lines === null || ticket.lineNos === null) given.set(ticket.printerId, null)
    else given.set(ticket.printerId, new Set([...lines, ...ticket.lineNos]))
  }
  const jobs: NewPrintJob[] = [...given].map(([printerId, lines]) => ({
    printerId,
    kind: 'cancel',
    orderId: request.orderId,
    lineNos: lines === null ? null : [...lines].sort((a, b) => a - b),
    staffId: request.staffId ?? null,
    createdAt: request.at,
  }))
  return { jobs: await insertPrintJobs(db, jobs), dropped }
}
