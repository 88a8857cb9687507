// Migration 008 on a database from before it: every order already sold gets its paid_at from the best
// evidence kept (its payment, its check payment, its last change, its tab's close), every succeeded refund
// its succeeded_at; unpaid, cancelled and unsettled orders stay unsold.
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src/db/database.js'
import { databaseAt } from '../db/database-at.js'

const CREATED = '2026-03-01T04:00:00.000Z'
const CHANGED = '2026-03-01T05:00:00.000Z'
const PAID = '2026-03-01T04:10:00.000Z'
const CHECK_PAID = '2026-03-01T04:20:00.000Z'
const CLOSED = '2026-03-01T06:00:00.000Z'

describe('migration 008 (reports)', () => {
  it('backfills paid_at and succeeded_at from what older rows kept', async () => {
    const { db, sqlite } = await databaseAt('007-checks-by-table')
    sqlite.prepare(`insert into tables (id, label, code, seats, sort, created_at) values ('tbl_1', 'T1', 'c1', 4, 0, ?)`).run(CREATED)
    const check = sqlite.prepare(`insert into checks (id, table_id, status, payment_mode, opened_at, closed_at, close_reason) values (?, 'tbl_1', ?, ?, ?, ?, ?)`)
    check.run('chk_pf', 'closed', 'pay-first', CREATED, CLOSED, null)
    check.run('chk_tab_settled', 'closed', 'tab', CREATED, CLOSED, null)
    check.run('chk_tab_paid_reason', 'closed', 'tab', CREATED, CLOSED, 'Thanks')
    check.run('chk_tab_owing', 'closed', 'tab', CREATED, CLOSED, 'Walked out')
    check.run('chk_tab_open', 'open', 'tab', CREATED, null, null)
    const order = sqlite.prepare(`insert into orders (id, number, client_order_id, request_hash, table_id, status, subtotal, total, currency, created_at, updated_at, check_id)
      values (?, ?, ?, 'h', 'tbl_1', ?, ?, ?, 'CNY', ?, ?, ?)`)
    let number = 0
    const add = (id: string, status: string, total: number, checkId: string | null) => order.run(id, ++number, id, status, total, total, CREATED, CHANGED, checkId)
    add('ord_own_payment', 'served', 1000, 'chk_pf')
    add('ord_check_payment', 'paid', 500, 'chk_pf')
    add('ord_counter', 'preparing', 700, null)
    add('ord_free', 'ready', 0, 'chk_pf')
    add('ord_placed', 'placed', 900, null)
    add('ord_cancelled', 'cancelled', 800, 'chk_pf')
    add('ord_tab_settled', 'served', 300, 'chk_tab_settled')
    add('ord_tab_settled_cancelled', 'cancelled', 300, 'chk_tab_settled')
    add('ord_tab_paid_reason', 'served', 400, 'chk_tab_paid_reason')
    add('ord_tab_owing', 'served', 600, 'chk_tab_owing')
    add('ord_tab_open', 'preparing', 200, 'chk_tab_open')
    const payment = sqlite.prepare(`insert into payments (id, order_id, check_id, scope, method, status, amount, currency, paid_at, created_at, updated_at)
      values (?, ?, ?, ?, 'alipay_qr', ?, ?, 'CNY', ?, ?, ?)`)
    payment.run('pay_own', 'ord_own_payment', null, null, 'partially_refunded', 1000, PAID, CREATED, CHANGED)
    payment.run('pay_own_failed', 'ord_own_payment', null, null, 'closed', 1000, null, CREATED, CHANGED)
    payment.run('pay_check', null, 'chk_pf', 'all', 'paid', 500, CHECK_PAID, CREATED, CHANGED)
    payment.run('pay_tab', null, 'chk_tab_paid_reason', 'all', 'paid', 400, CHECK_PAID, CREATED, CHANGED)
    sqlite.prepare(`insert into payment_orders (payment_id, order_id, amount) values ('pay_check', 'ord_check_payment', 500)`).run()
    const refund = sqlite.prepare(`insert into refunds (id, payment_id, out_request_no, amount, reason, status, created_at, updated_at) values (?, 'pay_own', ?, 100, 'x', ?, ?, ?)`)
    refund.run('refund_done', 'refund_done', 'succeeded', CREATED, CHANGED)
    refund.run('refund_pending', 'refund_pending', 'pending', CREATED, CHANGED)

    await migrate(db)

    const paidAt = Object.fromEntries((sqlite.prepare('select id, paid_at from orders').all() as Array<{ id: string, paid_at: string | null }>).map(row => [row.id, row.paid_at]))
    expect(paidAt).toEqual({
      ord_own_payment: PAID,
      ord_check_payment: CHECK_PAID,
      ord_counter: CHANGED,
      ord_free: CREATED,
      ord_placed: null,
      ord_cancelled: null,
      ord_tab_settled: CLOSED,
      ord_tab_settled_cancelled: null,
      ord_tab_paid_reason: CLOSED,
      ord_tab_owing: null,
      ord_tab_open: null,
    })
    expect(sqlite.prepare('select id, succeeded_at from refunds order by id').all()).toEqual([
      { id: 'refund_done', succeeded_at: CHANGED },
      { id: 'refund_pending', succeeded_at: null },
    ])
    expect(sqlite.prepare(`select count(*) from menu_availability_events`).pluck().get()).toBe(0)
  })
})
