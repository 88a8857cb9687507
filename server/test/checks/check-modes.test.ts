// Payment modes (PAYMENT_MODE, the manager's setting), tab mode's kitchen flow, and staff closing a check.
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { addStaff } from '../auth-helpers.js'
import { orderingApp } from '../fixtures/orders.js'
import { getCheck, orderRice, RICE } from './fixtures.js'

function patchStatus (app: Awaited<ReturnType<typeof orderingApp>>['app'], staff: string, id: string, status: string) {
  return app.inject({ method: 'PATCH', url: `/api/staff/orders/${id}`, headers: { cookie: staff }, payload: { status } })
}

describe('payment modes', () => {
  it('reads PAYMENT_MODE (default pay-first) and refuses anything else in one line', () => {
    expect(loadConfig({}).paymentMode).toBe('pay-first')
    expect(loadConfig({ PAYMENT_MODE: 'tab' }).paymentMode).toBe('tab')
    expect(() => loadConfig({ PAYMENT_MODE: 'later' })).toThrow('PAYMENT_MODE: must be one of pay-first, tab (got "later")')
  })

  it('sends a tab\'s orders to the kitchen when placed; pay-first orders wait for their payment', async () => {
    const tab = await orderingApp({ PAYMENT_MODE: 'tab' })
    const order = await orderRice(tab.app, tab.tablet.cookie, 1)
    expect((await getCheck(tab.app, tab.tablet.cookie)).body).toMatchObject({ paymentMode: 'tab', due: RICE.price })
    const preparing = await patchStatus(tab.app, tab.staff, order.id, 'preparing')
    expect(preparing.statusCode, preparing.body).toBe(200)
    // In the kitchen but still owed: a tab is paid at the end.
    expect((await getCheck(tab.app, tab.tablet.cookie)).body).toMatchObject({ due: RICE.price, paid: 0 })

    const payFirst = await orderingApp()
    const waiting = await orderRice(payFirst.app, payFirst.tablet.cookie, 1)
    expect((await patchStatus(payFirst.app, payFirst.staff, waiting.id, 'preparing')).json()).toMatchObject({ code: 'INVALID_TRANSITION' })
  })

  it('lets managers switch the mode for checks opened after; staff may only read it', async () => {
    const { app, staff, tablet } = await orderingApp()
    const waiter = await addStaff(app, { name: 'Wei', role: 'staff', pin: '135790' })
    const read = (cookie: string) => app.inject({ method: 'GET', url: '/api/staff/settings/payment-mode', headers: { cookie } })
    const write = (cookie: string, mode: string) => app.inject({ method: 'PUT', url: '/api/staff/settings/payment-mode', headers: { cookie }, payload: { mode } })
    expect((await read(waiter.cookie)).json()).toEqual({ mode: 'pay-first' })
    expect((await write(waiter.cookie, 'tab')).statusCode).toBe(403)
    expect((await write(staff, 'later')).statusCode).toBe(400)

    await orderRice(app, tablet.cookie, 1)
    const write1 = await write(staff, 'tab')
    expect([write1.statusCode, write1.json()]).toEqual([200, { mode: 'tab' }])
    expect((await read(waiter.cookie)).json()).toEqual({ mode: 'tab' })
    // The open check keeps the mode it was opened in.
    expect((await getCheck(app, tablet.cookie)).body.paymentMode).toBe('pay-first')
  })
})

describe('staff closing a check', () => {
  it('needs a reason while money is owed, then the next order opens a new check', async () => {
    const { app, staff, tablet } = await orderingApp({ PAYMENT_MODE: 'tab' })
    const close = (payload: object | undefined) => app.inject({
      method: 'POST', url: `/api/staff/tables/${tablet.table.id}/check/close`, headers: { cookie: staff }, ...(payload ? { payload } : {}),
    })
    expect((await close(undefined)).json()).toMatchObject({ code: 'CHECK_NOT_FOUND' })
    await orderRice(app, tablet.cookie, 2)
    const refused = await close({})
    expect([refused.statusCode, refused.json().code]).toEqual([409, 'CHECK_NOT_SETTLED'])
    const seen = await app.inject({ method: 'GET', url: `/api/staff/tables/${tablet.table.id}/check`, headers: { cookie: staff } })
    expect(seen.json()).toMatchObject({ status: 'open', due: 2 * RICE.price, paymentMode: 'tab' })
    const closed = await close({ reason: 'Paid at the counter' })
    expect(closed.statusCode, closed.body).toBe(200)
    expect(closed.json()).toMatchObject({ status: 'closed', due: 2 * RICE.price, closedAt: expect.any(String) })
    const row = await app.db.selectFrom('checks').select(['close_reason', 'closed_by']).executeTakeFirstOrThrow()
    expect(row).toEqual({ close_reason: 'Paid at the counter', closed_by: expect.any(String) })
    expect((await getCheck(app, tablet.cookie)).body.status).toBe('closed')

    await orderRice(app, tablet.cookie, 1)
    const next = (await getCheck(app, tablet.cookie)).body
    expect(next).toMatchObject({ status: 'open', total: RICE.price })
    expect(next.id).not.toBe(closed.json().id)
    // Unauthenticated staff: 401.
    expect((await app.inject({ method: 'POST', url: `/api/staff/tables/${tablet.table.id}/check/close`, payload: {} })).statusCode).toBe(401)
  })
})
