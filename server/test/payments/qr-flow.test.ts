// The whole QR flow over real HTTP with the built-in emulator: order → QR → scan and pay → paid.
import { describe, expect, it } from 'vitest'
import {
  api, orderStatus, paymentStatus, payAtAlipay, pairedTablet, placedOrder, setFaults, startApp, startQr, until,
} from './fixtures.js'
import { serviceName } from './protocol.js'
import { SseClient } from '../sse-client.js'
import type { Payment } from '#shared/schemas/payment.js'
import type { Order } from '#shared/schemas/order.js'

describe('QR payment', () => {
  it('pays an order through the notification and tells the tablet', async () => {
    const { app, base } = await startApp()
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet, 4_280)

    const created = await startQr(base, tablet, orderId)
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ orderId, status: 'waiting', amount: 4_280, currency: 'CNY' })
    expect(created.body.qrCode).toMatch(/^http:\/\/127\.0\.0\.1:8080\/sandbox\/scan\//)
    expect(Date.parse(created.body.expiresAt!)).toBeGreaterThan(Date.now() + 100_000)

    // Asking again returns the QR already showing, not a second trade.
    const again = await startQr(base, tablet, orderId)
    expect(again.status).toBe(200)
    expect(again.body.id).toBe(created.body.id)

    // The tablet's own live stream, over a real socket, hears about it.
    const stream = await SseClient.open(`${base}/api/events`, { cookie: tablet.cookie })
    try {
      const paidEvent = stream.next(message => message.event === 'payment.updated' && (message.data as Payment).status === 'paid', 10_000)
      const orderEvent = stream.next(message => message.event === 'order.updated' && (message.data as Order).status === 'paid', 10_000)
      expect(await payAtAlipay(base, created.body.id)).toBe(200)
      expect((await paidEvent).data).toMatchObject({ id: created.body.id, status: 'paid' })
      expect((await orderEvent).data).toMatchObject({ id: orderId, status: 'paid', payments: [expect.objectContaining({ status: 'paid' })] })
    } finally {
      stream.close()
    }
    expect(await paymentStatus(app, created.body.id)).toBe('paid')
    expect(await orderStatus(app, orderId)).toBe('paid')

    const read = await api<Payment>(base, `/api/payments/${created.body.id}`, { cookie: tablet.cookie })
    expect(read.body).toMatchObject({ status: 'paid', tradeNo: expect.any(String) })
    const events = await app.db.selectFrom('payment_events').select(['kind', 'source']).where('payment_id', '=', created.body.id).orderBy('id').execute()
    expect(events.map(event => event.kind)).toEqual(expect.arrayContaining(['created', 'precreated', 'paid']))
  })

  it('reaches paid by polling alone when every notification is dropped', async () => {
    const { app, base } = await startApp()
    await setFaults(base, { notify: { drop: true } })
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet)
    const { body: payment } = await startQr(base, tablet, orderId)
    await payAtAlipay(base, payment.id)
    await until(async () => (await paymentStatus(app, payment.id)) === 'paid', 10_000, 'payment paid by polling')
    const sources = await app.db.selectFrom('payment_events').select('source').where('payment_id', '=', payment.id).where('kind', '=', 'paid').execute()
    expect(sources.map(row => row.source)).toEqual(['reconciler'])
    expect(await orderStatus(app, orderId)).toBe('paid')
  })

  it('keeps waiting (never failed) while queries answer SYSTEM_ERROR, then pays', async () => {
    const { app, base } = await startApp()
    await setFaults(base, { systemErrorRate: 1, methods: [serviceName('query')], notify: { drop: true } })
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet)
    const { body: payment } = await startQr(base, tablet, orderId)
    await payAtAlipay(base, payment.id)
    // Several reconciler passes see only SYSTEM_ERROR: the payment must stay open.
    await until(async () => {
      const queries = await app.db.selectFrom('payment_events').select('id').where('payment_id', '=', payment.id).execute()
      return queries.length >= 2 && true
    })
    await app.reconciler.tick()
    await app.reconciler.tick()
    expect(await paymentStatus(app, payment.id)).toBe('waiting')
    await setFaults(base, { notify: { drop: true } })
    await until(async () => (await paymentStatus(app, payment.id)) === 'paid', 10_000, 'payment paid after the fault cleared')
  })

  it('refuses to pay another table\'s order and an order already paid', async () => {
    const { app, base } = await startApp()
    const tablet = await pairedTablet(app)
    const other = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet)
    expect((await startQr(base, other, orderId)).status).toBe(404)
    const { body: payment } = await startQr(base, tablet, orderId)
    expect((await api(base, `/api/payments/${payment.id}`, { cookie: other.cookie })).status).toBe(404)
    await payAtAlipay(base, payment.id)
    await until(async () => (await orderStatus(app, orderId)) === 'paid')
    const again = await startQr(base, tablet, orderId)
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ code: 'ORDER_NOT_PAYABLE' })
  })

  it('answers bad payment requests with coded 4xx and changes nothing', async () => {
    const { app, base } = await startApp()
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet)
    const post = (body: unknown, cookie = tablet.cookie) => api<{ code: string }>(base, `/api/orders/${orderId}/payments`, { method: 'POST', body, cookie })
    expect((await post({ method: 'cash' })).body.code).toBe('VALIDATION_FAILED')
    expect((await post({ method: 'alipay_qr', extra: 1 })).body.code).toBe('VALIDATION_FAILED')
    expect((await post({ method: 'alipay_jsapi' })).status).toBe(400)
    expect((await post({ method: 'alipay_qr' }, 'tp_device=forged')).body.code).toBe('DEVICE_UNKNOWN')
    expect((await post({ method: 'alipay_qr' }, '')).status).toBe(401)
    const payments = await app.db.selectFrom('payments').select('id').execute()
    expect(payments).toHaveLength(0)
  })

  it('draws the QR as SVG for the tablet', async () => {
    const { app, base } = await startApp()
    const tablet = await pairedTablet(app)
    const orderId = await placedOrder(app, tablet)
    const { body: payment } = await startQr(base, tablet, orderId)
    const response = await fetch(`${base}/api/payments/${payment.id}/qr.svg`, { headers: { cookie: tablet.cookie } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('image/svg+xml')
    expect(await response.text()).toMatch(/^<svg[^>]+viewBox/)
  })
})
