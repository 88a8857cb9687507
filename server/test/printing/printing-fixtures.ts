// An ordering app (demo menu, a staff session, a paired tablet) whose printers are fake ones, retried fast.
import { pollUntil } from '../poll.js'
import { expect } from 'vitest'
import type { App } from '../../src/app.js'
import { orderingApp, type OrderingApp } from '../fixtures/orders.js'
import type { FakePrinter } from './fake-printer.js'
import type { CreatePrinter, Printer } from '#shared/schemas/printer.js'
import type { Order } from '#shared/schemas/order.js'

export const JASMINE_TEA = 'dish_jasmine_tea'

/** Retries every 20 ms (doubling, at most a minute), so a printer switched back on prints at once. */
export function printingApp (env: Record<string, string> = {}): Promise<OrderingApp> {
  return orderingApp({ PRINTER_RETRY_MS: '20', PRINTER_TIMEOUT_MS: '2000', ...env })
}

export async function addPrinter (app: App, staff: string, printer: FakePrinter, setup: Omit<CreatePrinter, 'host' | 'port'>): Promise<Printer> {
  const response = await app.inject({
    method: 'POST', url: '/api/staff/printers', headers: { cookie: staff }, payload: { host: '127.0.0.1', port: printer.port, ...setup },
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json<Printer>()
}

/** Staff take the money at the counter: the order goes to the kitchen. */
export async function markPaid (app: App, staff: string, order: Order): Promise<void> {
  const response = await app.inject({ method: 'PATCH', url: `/api/staff/orders/${order.id}`, headers: { cookie: staff }, payload: { status: 'paid' } })
  expect(response.statusCode, response.body).toBe(200)
}

/** Until `check` holds (polled every 20 ms; fails after `timeoutMs`). */
export async function until<T> (check: () => Promise<T | undefined | false | null>, what: string, timeoutMs = 5000): Promise<T> {
  return pollUntil(check, { what, timeoutMs })
}

export async function unprintedJobs (app: App): Promise<number> {
  const row = await app.db.selectFrom('print_jobs').select(eb => eb.fn.countAll<number>().as('n')).where('printed_at', 'is', null).executeTakeFirstOrThrow()
  return Number(row.n)
}
