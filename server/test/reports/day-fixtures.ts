// Z-report fixtures: a business day written straight into the database with exact timestamps, so the
// figures can be checked against sums worked out by hand (docs of each row below).
import type { App } from '../../src/app.js'
import { createTable } from '../../src/repositories/tables.js'
import { newId, sha256 } from '../../src/lib/tokens.js'
import { addStaff } from '../auth-helpers.js'

let orderNumber = 0

export interface OrderFixture {
  number?: number
  tableId: string
  total: number
  status: string
  createdAt: string
  paidAt?: string | null
  updatedAt?: string
  cancelReason?: string | null
  checkId?: string | null
}

export async function insertOrder (app: App, order: OrderFixture): Promise<{ id: string, number: number }> {
  const id = newId('ord')
  const number = order.number ?? ++orderNumber
  await app.db.insertInto('orders').values({
    id, number, client_order_id: crypto.randomUUID(), request_hash: sha256(id), device_id: null, table_id: order.tableId,
    status: order.status, subtotal: order.total, total: order.total, currency: 'CNY', note: null,
    cancel_reason: order.cancelReason ?? null, created_at: order.createdAt, updated_at: order.updatedAt ?? order.paidAt ?? order.createdAt,
    check_id: order.checkId ?? null, diner_id: null, paid_at: order.paidAt ?? null,
  }).execute()
  return { id, number }
}

export async function insertPayment (app: App, payment: { orderId: string | null, checkId?: string, method: string, status: string, amount: number, paidAt: string | null }): Promise<string> {
  const id = newId('pay')
  await app.db.insertInto('payments').values({
    id, order_id: payment.orderId, check_id: payment.checkId ?? null, method: payment.method, status: payment.status, amount: payment.amount,
    currency: 'CNY', paid_at: payment.paidAt, created_at: payment.paidAt ?? '2026-03-10T00:00:00.000Z', updated_at: payment.paidAt ?? '2026-03-10T00:00:00.000Z',
    qr_code: null, trade_no: null, buyer_id: null, expires_at: null, qr_deadline_at: null, failure_code: null, next_check_at: null, unknown_since: null,
    scope: null, buyer_open_id: null,
  }).execute()
  return id
}

export async function insertRefund (app: App, refund: { paymentId: string, amount: number, reason: string, status: string, succeededAt: string | null, staffId: string | null }): Promise<string> {
  const id = newId('rfd')
  const at = refund.succeededAt ?? '2026-03-10T00:00:00.000Z'
  await app.db.insertInto('refunds').values({
    id, payment_id: refund.paymentId, out_request_no: id, amount: refund.amount, reason: refund.reason, status: refund.status,
    staff_id: refund.staffId, failure_code: null, next_check_at: null, created_at: at, updated_at: at, succeeded_at: refund.succeededAt,
  }).execute()
  return id
}

export async function insertCheck (app: App, check: { tableId: string, status: 'open' | 'closed', openedAt: string, mode?: 'tab' | 'pay-first' }): Promise<string> {
  const id = newId('chk')
  await app.db.insertInto('checks').values({
    id, table_id: check.tableId, status: check.status, payment_mode: check.mode ?? 'tab', split_parts: null, split_base: null, split_started_at: null,
    opened_at: check.openedAt, closed_at: check.status === 'closed' ? check.openedAt : null, close_reason: null, closed_by: null,
  }).execute()
  return id
}

export const DAY = '2026-03-10'
/** 2026-03-10 in Asia/Shanghai (UTC+8) runs from 2026-03-09T16:00Z up to, not including, 2026-03-10T16:00Z. */
export const DAY_START = '2026-03-09T16:00:00.000Z'
export const DAY_END = '2026-03-10T16:00:00.000Z'
const JUST_BEFORE = '2026-03-09T15:59:59.999Z'
const LAST_MS = '2026-03-10T15:59:59.999Z'

export interface DayFixture {
  managerId: string
  clerk: { id: string, cookie: string }
  tables: { t1: string, t2: string }
  ids: Record<string, string>
  numbers: Record<string, number>
}

/**
 * The day of 2026-03-10 (Asia/Shanghai):
 * - sold: #1 4280 (paid at local 00:00:00.000, the first instant), #3 2500 (phone), #4 3000 (paid at the
 *   last millisecond), #5 0 (free), #6 1800 (sold that day, cancelled and refunded since: still sold):
 *   5 orders, gross 11580. Not sold that day: #2 (paid 1 ms before the day), #8 (cancelled before it was sold).
 * - payments paid: QR #1 4280, #4 3000, #6 1800, #8 1200 (arrived after #8 was cancelled) (4, 10280);
 *   JSAPI #3 2500 twice (the diner paid twice) (2, 5000); none: #5.
 * - refunds succeeded: 2500 of #3's second payment (automatic, 04:03Z), 500 on #1 (Li, 05:00Z), 1800 on #6
 *   (Li, 10:01Z), 1200 of #8's payment (automatic, 11:31Z). Against sales only Li's: 2300, net 9280 — the
 *   money kept (15280 taken, 6000 given back). Not that day: 3000 on #4 (at the next day's first instant),
 *   a pending one.
 * - cancelled: #6 (10:00Z, "Kitchen out of fish"), #8 (11:00Z, no reason); #10 was cancelled the next day.
 * - open checks: T1's tab opened that day, with #9 (2000) due in full; not T2's check opened the next day.
 * - unpaid: #7 placed 06:00Z, #9 served 07:00Z (on the open tab).
 */
export async function seedDay (app: App): Promise<DayFixture> {
  const managerId = (await app.db.selectFrom('staff').select('id').where('role', '=', 'manager').executeTakeFirstOrThrow()).id
  const clerk = await addStaff(app, { name: 'Li', role: 'staff', pin: '135791' })
  const t1 = (await createTable(app.db, { label: 'T1' })).id
  const t2 = (await createTable(app.db, { label: 'T2' })).id
  const ids: Record<string, string> = {}
  const numbers: Record<string, number> = {}
  const order = async (key: string, fixture: OrderFixture) => {
    const made = await insertOrder(app, fixture)
    ids[key] = made.id
    numbers[key] = made.number
    return made.id
  }

  const o1 = await order('o1', { tableId: t1, total: 4280, status: 'paid', createdAt: DAY_START, paidAt: DAY_START })
  const o2 = await order('o2', { tableId: t2, total: 1000, status: 'served', createdAt: JUST_BEFORE, paidAt: JUST_BEFORE })
  const o3 = await order('o3', { tableId: t1, total: 2500, status: 'served', createdAt: '2026-03-10T04:00:00.000Z', paidAt: '2026-03-10T04:01:00.000Z' })
  const o4 = await order('o4', { tableId: t2, total: 3000, status: 'ready', createdAt: LAST_MS, paidAt: LAST_MS })
  await order('o5', { tableId: t2, total: 0, status: 'paid', createdAt: '2026-03-10T02:00:00.000Z', paidAt: '2026-03-10T02:00:00.000Z' })
  const o6 = await order('o6', {
    tableId: t1, total: 1800, status: 'cancelled', createdAt: '2026-03-10T09:00:00.000Z', paidAt: '2026-03-10T09:01:00.000Z',
    updatedAt: '2026-03-10T10:00:00.000Z', cancelReason: 'Kitchen out of fish',
  })
  await order('o7', { tableId: t2, total: 900, status: 'placed', createdAt: '2026-03-10T06:00:00.000Z' })
  const o8 = await order('o8', { tableId: t2, total: 1200, status: 'cancelled', createdAt: '2026-03-10T10:30:00.000Z', updatedAt: '2026-03-10T11:00:00.000Z' })
  const tab = await insertCheck(app, { tableId: t1, status: 'open', openedAt: '2026-03-10T07:00:00.000Z' })
  ids.tab = tab
  await order('o9', { tableId: t1, total: 2000, status: 'served', createdAt: '2026-03-10T07:00:00.000Z', checkId: tab })
  await order('o10', { tableId: t2, total: 700, status: 'cancelled', createdAt: '2026-03-10T12:00:00.000Z', updatedAt: '2026-03-10T16:30:00.000Z', cancelReason: 'Changed mind' })
  await insertCheck(app, { tableId: t2, status: 'open', openedAt: DAY_END })
  await insertCheck(app, { tableId: t2, status: 'closed', openedAt: '2026-03-10T01:00:00.000Z' })

  const p1 = await insertPayment(app, { orderId: o1, method: 'alipay_qr', status: 'partially_refunded', amount: 4280, paidAt: DAY_START })
  const p2 = await insertPayment(app, { orderId: o2, method: 'alipay_qr', status: 'paid', amount: 1000, paidAt: JUST_BEFORE })
  await insertPayment(app, { orderId: o3, method: 'alipay_jsapi', status: 'paid', amount: 2500, paidAt: '2026-03-10T04:01:00.000Z' })
  const p3twice = await insertPayment(app, { orderId: o3, method: 'alipay_jsapi', status: 'refunded', amount: 2500, paidAt: '2026-03-10T04:02:00.000Z' })
  const p4 = await insertPayment(app, { orderId: o4, method: 'alipay_qr', status: 'refunded', amount: 3000, paidAt: LAST_MS })
  const p6 = await insertPayment(app, { orderId: o6, method: 'alipay_qr', status: 'refunded', amount: 1800, paidAt: '2026-03-10T09:01:00.000Z' })
  const p8 = await insertPayment(app, { orderId: o8, method: 'alipay_qr', status: 'refunded', amount: 1200, paidAt: '2026-03-10T11:30:00.000Z' })
  // A QR that was never paid: no takings.
  await insertPayment(app, { orderId: o3, method: 'alipay_qr', status: 'closed', amount: 2500, paidAt: null })

  ids.rTwice = await insertRefund(app, { paymentId: p3twice, amount: 2500, reason: 'Paid twice for the same order', status: 'succeeded', succeededAt: '2026-03-10T04:03:00.000Z', staffId: null })
  ids.r1 = await insertRefund(app, { paymentId: p1, amount: 500, reason: 'Cold soup', status: 'succeeded', succeededAt: '2026-03-10T05:00:00.000Z', staffId: clerk.id })
  ids.r6 = await insertRefund(app, { paymentId: p6, amount: 1800, reason: 'Kitchen out of fish', status: 'succeeded', succeededAt: '2026-03-10T10:01:00.000Z', staffId: clerk.id })
  ids.rLate = await insertRefund(app, { paymentId: p8, amount: 1200, reason: 'Order was cancelled before payment arrived', status: 'succeeded', succeededAt: '2026-03-10T11:31:00.000Z', staffId: null })
  await insertRefund(app, { paymentId: p4, amount: 3000, reason: 'Wrong table', status: 'succeeded', succeededAt: DAY_END, staffId: clerk.id })
  await insertRefund(app, { paymentId: p2, amount: 100, reason: 'Pending', status: 'pending', succeededAt: null, staffId: clerk.id })
  ids.p1 = p1
  return { managerId, clerk, tables: { t1, t2 }, ids, numbers }
}
