// Cancel tickets on the other cancel paths: a manager's cancel-and-refund of an order Alipay paid (its cancel
// job commits with the refund row), and a tablet leaving behind an unpaid order whose ticket staff printed by hand.
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { loginStaff, pairedTablet } from '../auth-helpers.js'
import { placeOrder } from '../fixtures/orders.js'
import { api, orderStatus, payAtAlipay, paymentStatus, startApp, until } from '../payments/fixtures.js'
import { FakePrinter } from './fake-printer.js'
import { addPrinter, printingApp, unprintedJobs } from './printing-fixtures.js'
import type { Order } from '#shared/schemas/order.js'
import type { Payment } from '#shared/schemas/payment.js'

/** An app with a Chinese kitchen printer, and an order Alipay paid whose ticket printed. */
async function paidByAlipay () {
  const running = await startApp({ PRINTER_RETRY_MS: '20' })
  const { app, base } = running
  const staff = await loginStaff(app)
  const kitchen = await FakePrinter.start()
  await addPrinter(app, staff, kitchen, { name: 'Kitchen', language: 'zh-CN', routing: 'rest' })
  const tablet = await pairedTablet(app, staff)
  const order = await placeOrder(app, tablet.cookie)
  const qr = await api<Payment>(base, `/api/orders/${order.id}/payments`, { method: 'POST', body: { method: 'alipay_qr' }, cookie: tablet.cookie })
  expect(qr.status).toBe(201)
  expect(await payAtAlipay(base, qr.body.id)).toBe(200)
  await until(async () => (await orderStatus(app, order.id)) === 'paid', 10_000, 'the order paid')
  await kitchen.waitForJobs(1)
  const cancelWithRefund = () => api<Order>(base, `/api/staff/orders/${order.id}`, { method: 'PATCH', cookie: staff, body: { status: 'cancelled', reason: '菜品售罄', refund: true } })
  return { app, kitchen, order, payment: qr.body, cancelWithRefund }
}

describe('cancel tickets on other cancel paths', () => {
  it('print when a manager cancels an order Alipay paid and refunds it', async () => {
    const { app, kitchen, order, payment, cancelWithRefund } = await paidByAlipay()
    const response = await cancelWithRefund()
    expect(response.status).toBe(200)
    const [, ticket] = await kitchen.waitForJobs(2)
    expect(ticket!.lines[0]).toMatchObject({ text: '*** 已取消 ***', width: 2, height: 2, bold: true })
    expect(ticket!.text).toContain(`订单 #${order.number}`)
    expect(ticket!.text).toContain('1 x 麻婆豆腐')
    expect(ticket!.text).toContain('取消原因: 菜品售罄')
    const [job] = await app.db.selectFrom('print_jobs').select(['created_at', 'staff_id']).where('kind', '=', 'cancel').execute()
    const [refund] = await app.db.selectFrom('refunds').select(['staff_id']).where('payment_id', '=', payment.id).execute()
    expect(job).toEqual({ created_at: response.body.updatedAt, staff_id: refund!.staff_id })
    await until(async () => (await paymentStatus(app, payment.id)) === 'refunded', 10_000, 'the payment refunded')
    await until(async () => await unprintedJobs(app) === 0, 10_000, 'the cancel printed')
  })

  it('commit the cancel, the refund and the cancel ticket together: a cancel job that cannot be written undoes all of it', async () => {
    const { app, order, payment, cancelWithRefund } = await paidByAlipay()
    await sql`create trigger no_cancel_jobs before insert on print_jobs when new.kind = 'cancel' begin select raise(abort, 'disk full'); end`.execute(app.db)
    expect((await cancelWithRefund()).status).toBe(500)
    expect(await orderStatus(app, order.id)).toBe('paid')
    expect(await app.db.selectFrom('refunds').selectAll().where('payment_id', '=', payment.id).execute()).toEqual([])
    expect(await paymentStatus(app, payment.id)).toBe('paid')

    await sql`drop trigger no_cancel_jobs`.execute(app.db)
    expect((await cancelWithRefund()).status).toBe(200)
    expect(await app.db.selectFrom('print_jobs').select('kind').where('order_id', '=', order.id).orderBy('id').execute()).toEqual([{ kind: 'kitchen' }, { kind: 'cancel' }])
  })

  it('print when a tablet leaves behind an unpaid order staff had printed by hand, with the reason in the printer\'s words', async () => {
    const { app, staff, tablet } = await printingApp()
    const kitchen = await FakePrinter.start()
    await addPrinter(app, staff, kitchen, { name: 'Kitchen', language: 'en', routing: 'rest' })
    const order = await placeOrder(app, tablet.cookie)
    const printed = await app.inject({ method: 'POST', url: `/api/staff/orders/${order.id}/print`, headers: { cookie: staff }, payload: {} })
    expect(printed.statusCode, printed.body).toBe(202)
    await kitchen.waitForJobs(1)

    const abandoned = await app.inject({ method: 'POST', url: `/api/orders/${order.id}/abandon`, headers: { cookie: tablet.cookie } })
    expect(abandoned.statusCode, abandoned.body).toBe(200)
    const [, ticket] = await kitchen.waitForJobs(2)
    expect(ticket!.text).toContain('*** CANCELLED ***')
    expect(ticket!.text).toContain('Reason: Not paid')
  })
})
