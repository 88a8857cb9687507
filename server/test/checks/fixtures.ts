// Check test fixtures: diners with phone sessions at a table, orders placed and the check read over the API.
import type { App } from '../../src/app.js'
import { createDinerSession, findOrCreateDiner } from '../../src/repositories/diners.js'
import { orderBody, riceLine, RICE } from '../fixtures/orders.js'
import type { Check, CreateCheckPayment } from '#shared/schemas/check.js'
import type { Order } from '#shared/schemas/order.js'
import type { Payment } from '#shared/schemas/payment.js'

export { RICE }

export interface Diner {
  id: string
  cookie: string
}

let userNumber = 100_000_000_000

/** A diner Alipay identified by a user id (2088…), with a phone session at `tableId`. */
export async function dinerAt (app: App, tableId: string): Promise<Diner> {
  const diner = await findOrCreateDiner(app.db, { userId: `2088${++userNumber}` })
  const token = await createDinerSession(app.db, diner.id, tableId)
  return { id: diner.id, cookie: `tp_diner=${token}` }
}

/** Orders `rice` bowls of steamed rice (RICE.price fen each) from a tablet's or a phone's session. */
export async function orderRice (app: App, cookie: string, rice: number): Promise<Order> {
  const response = await app.inject({ method: 'POST', url: '/api/orders', headers: { cookie }, payload: orderBody([riceLine(rice)]) })
  if (response.statusCode !== 201) throw new Error(`order refused: ${response.statusCode} ${response.body}`)
  return response.json<Order>()
}

export async function getCheck (app: App, cookie: string): Promise<{ status: number, body: Check & { code?: string } }> {
  const response = await app.inject({ method: 'GET', url: '/api/table/check', headers: { cookie } })
  return { status: response.statusCode, body: response.json() }
}

export async function payCheck (app: App, cookie: string, body: CreateCheckPayment): Promise<{ status: number, body: Payment & { code?: string } }> {
  const response = await app.inject({ method: 'POST', url: '/api/table/check/payments', headers: { cookie }, payload: body })
  return { status: response.statusCode, body: response.json() }
}

export async function countPayments (app: App): Promise<number> {
  const row = await app.db.selectFrom('payments').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}
