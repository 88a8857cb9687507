// Finding an order (issue 15): GET /api/staff/orders?q= by number, table or dish (either language), and
// ?from=&to= store-local days on the orders and the payments lists.
import { describe, expect, it } from 'vitest'
import { createTable } from '../../src/repositories/tables.js'
import type { App } from '../../src/app.js'
import { mapoLine, orderBody, orderingApp, pairedTablet, placeOrder, riceLine } from '../fixtures/orders.js'
import type { Order } from '#shared/schemas/order.js'
import type { Payment } from '#shared/schemas/payment.js'

async function list<T> (app: App, staff: string, url: string): Promise<{ status: number, body: T }> {
  const response = await app.inject({ method: 'GET', url, headers: { cookie: staff } })
  return { status: response.statusCode, body: response.json<T>() }
}

async function numbersFor (app: App, staff: string, query: string): Promise<number[]> {
  const response = await list<Order[]>(app, staff, `/api/staff/orders?${query}`)
  expect(response.status, JSON.stringify(response.body)).toBe(200)
  return response.body.map(order => order.number)
}

/** Moves an order's placing time (the day filters are by it). */
async function placedAt (app: App, orderId: string, at: string): Promise<void> {
  await app.db.updateTable('orders').set({ created_at: at }).where('id', '=', orderId).execute()
}

describe('GET /api/staff/orders?q=', () => {
  it('finds an order by its number exactly, by its table in either language and by a dish in either language', async () => {
    const { app, staff, tablet } = await orderingApp()
    const patio = await pairedTablet(app, staff, await createTable(app.db, { label: 'Patio 7', labelZh: '露台七号' }))
    const mapoHere = await placeOrder(app, tablet.cookie, orderBody([mapoLine()]))
    const riceOnPatio = await placeOrder(app, patio.cookie, orderBody([riceLine()]))
    const mapoOnPatio = await placeOrder(app, patio.cookie, orderBody([mapoLine(), riceLine()]))

    expect(await numbersFor(app, staff, `q=${riceOnPatio.number}`)).toEqual([riceOnPatio.number])
    // Digits are an order's number or a table's ("Patio 7"), never part of another number.
    expect([mapoHere, riceOnPatio, mapoOnPatio].map(order => order.number)).not.toContain(7)
    expect(await numbersFor(app, staff, 'q=7')).toEqual([mapoOnPatio.number, riceOnPatio.number])
    expect(await numbersFor(app, staff, 'q=77')).toEqual([])
    expect(await numbersFor(app, staff, 'q=patio')).toEqual([mapoOnPatio.number, riceOnPatio.number])
    expect(await numbersFor(app, staff, `q=${encodeURIComponent('露台')}`)).toEqual([mapoOnPatio.number, riceOnPatio.number])
    expect(await numbersFor(app, staff, 'q=MAPO%20tofu')).toEqual([mapoOnPatio.number, mapoHere.number])
    expect(await numbersFor(app, staff, `q=${encodeURIComponent('麻婆')}`)).toEqual([mapoOnPatio.number, mapoHere.number])
    // Combined with the other filters; LIKE's wildcards are plain characters; JSON keys are not dish names.
    expect(await numbersFor(app, staff, 'q=rice&status=placed&limit=1')).toEqual([mapoOnPatio.number])
    expect(await numbersFor(app, staff, 'q=%25')).toEqual([])
    expect(await numbersFor(app, staff, 'q=zh-CN')).toEqual([])
    expect(await numbersFor(app, staff, 'q=%22Mapo')).toEqual([])
  })

  it('refuses an empty or over-long search', async () => {
    const { app, staff } = await orderingApp()
    for (const query of ['q=', `q=${'x'.repeat(101)}`]) {
      const response = await list<{ code: string }>(app, staff, `/api/staff/orders?${query}`)
      expect(response.status).toBe(400)
      expect(response.body.code).toBe('VALIDATION_FAILED')
    }
  })
})

describe('GET /api/staff/orders?from=&to=', () => {
  it('keeps the orders placed on those store-local days (Asia/Shanghai), both days included', async () => {
    const { app, staff, tablet } = await orderingApp()
    const orders = [await placeOrder(app, tablet.cookie), await placeOrder(app, tablet.cookie), await placeOrder(app, tablet.cookie), await placeOrder(app, tablet.cookie)]
    // 28 Feb 23:59:59 local, 1 Mar 00:00 local, 2 Mar 23:59:59 local, 3 Mar 00:00 local.
    await placedAt(app, orders[0]!.id, '2026-02-28T15:59:59.000Z')
    await placedAt(app, orders[1]!.id, '2026-02-28T16:00:00.000Z')
    await placedAt(app, orders[2]!.id, '2026-03-02T15:59:59.000Z')
    await placedAt(app, orders[3]!.id, '2026-03-02T16:00:00.000Z')
    const number = (index: number) => orders[index]!.number

    expect(await numbersFor(app, staff, 'from=2026-03-01&to=2026-03-02')).toEqual([number(2), number(1)])
    expect(await numbersFor(app, staff, 'from=2026-03-03')).toEqual([number(3)])
    expect(await numbersFor(app, staff, 'to=2026-02-28')).toEqual([number(0)])
    expect(await numbersFor(app, staff, 'from=2026-03-01&to=2026-03-01')).toEqual([number(1)])
  })

  it('answers a day that is not a calendar day with 400 REPORT_DATE_INVALID, and a reversed range with REPORT_RANGE_INVALID', async () => {
    const { app, staff } = await orderingApp()
    for (const path of ['/api/staff/orders', '/api/staff/payments']) {
      // Years before 1970 too: Date.UTC would read 0001 as 1901 (it was a 500).
      for (const query of ['from=2026-02-30', 'to=yesterday', 'from=2026-3-1', 'from=0001-01-01', 'to=0099-12-31', 'from=1969-12-31', 'to=9999-12-31']) {
        const response = await list<{ code: string }>(app, staff, `${path}?${query}`)
        expect(response.status, `${path}?${query}`).toBe(400)
        expect(response.body.code).toBe('REPORT_DATE_INVALID')
      }
      const reversed = await list<{ code: string }>(app, staff, `${path}?from=2026-03-02&to=2026-03-01`)
      expect(reversed.status).toBe(400)
      expect(reversed.body.code).toBe('REPORT_RANGE_INVALID')
    }
  })
})

describe('GET /api/staff/payments?from=&to=', () => {
  it('keeps the payments created on those store-local days, next to the status filter', async () => {
    const { app, staff, tablet } = await orderingApp()
    const order = await placeOrder(app, tablet.cookie)
    const payment = (id: string, createdAt: string, status: string) => ({
      id, order_id: order.id, check_id: null, scope: null, method: 'alipay_qr', status, amount: order.total, currency: order.currency,
      qr_code: null, trade_no: null, buyer_id: null, buyer_open_id: null, expires_at: createdAt, qr_deadline_at: createdAt, failure_code: null,
      paid_at: null, next_check_at: null, unknown_since: null, created_at: createdAt, updated_at: createdAt,
    })
    await app.db.insertInto('payments').values([
      payment('pay_a', '2026-02-28T15:59:59.000Z', 'cancelled'),
      payment('pay_b', '2026-02-28T16:00:00.000Z', 'cancelled'),
      payment('pay_c', '2026-03-01T15:59:59.000Z', 'failed'),
      payment('pay_d', '2026-03-01T16:00:00.000Z', 'cancelled'),
    ]).execute()
    const ids = async (query: string) => (await list<Payment[]>(app, staff, `/api/staff/payments?${query}`)).body.map(item => item.id)
    expect(await ids('from=2026-03-01&to=2026-03-01')).toEqual(['pay_c', 'pay_b'])
    expect(await ids('from=2026-03-01&to=2026-03-01&status=cancelled')).toEqual(['pay_b'])
    expect(await ids('to=2026-02-28')).toEqual(['pay_a'])
    expect(await ids('from=2026-03-02')).toEqual(['pay_d'])
  })
})
