// A payment being created, or a refund being sent, is its process's (issue 16): the row is written with that process's lease, so
// another process's reconciler, polling faster than Alipay answers the precreate, does not take the `creating`
// row for an abandoned one and cancel it under the diner, nor resend a refund and record a failure that the first
// attempt's success contradicts. Two apps on one PostgreSQL database stand for two processes.
import { describe, expect, it } from 'vitest'
import { api, orderStatus, pairedTablet, payAtAlipay, placedOrder, setFaults, startApp, startQr, stopApp, until } from '../payments/fixtures.js'
import { TEST_STAFF_PIN } from '../helper.js'
import { serviceName } from '../payments/protocol.js'
import { sharedDatabaseEnv } from './fixtures.js'

/** Longer than the test apps' poll (150 ms) and reconcile interval (100 ms) many times over. */
const SLOW_PRECREATE_MS = 1500

describe('a payment being created', () => {
  it('stays its creating process\'s while Alipay is slow to answer the precreate', async () => {
    const env = await sharedDatabaseEnv()
    const creator = await startApp(env)
    const other = await startApp(env)
    await setFaults(creator.base, { latencyMs: SLOW_PRECREATE_MS, methods: [serviceName('precreate')] })
    // Only the other process reconciles: the creator's own reconciler would wait on the payment's in-process lock,
    // holding the row's claim, and hide the race this test is about.
    await creator.app.reconciler.stop()
    const tablet = await pairedTablet(creator.app)
    const orderId = await placedOrder(creator.app, tablet)

    const started = await startQr(creator.base, tablet, orderId)

    expect(started.body.status).toBe('waiting')
    expect(started.body.qrCode).toBeTruthy()
    // Nothing but the creation happened to it until Alipay answered: no other process settled it meanwhile.
    const events = await creator.app.db.selectFrom('payment_events').select(['source', 'kind'])
      .where('payment_id', '=', started.body.id).orderBy('id').execute()
    expect(events.slice(0, 2)).toEqual([{ source: 'api', kind: 'created' }, { source: 'gateway', kind: 'precreated' }])
    await stopApp(other.app)
    await stopApp(creator.app)
  })
})

/** Longer than a new refund's first due time (MIN_RETRY_MS, 3 s), shorter than ALIPAY_TIMEOUT_MS (5 s). */
const SLOW_REFUND_MS = 4000

describe('a refund being sent', () => {
  it('stays its sending process\'s while Alipay is slow to answer', async () => {
    const env = await sharedDatabaseEnv()
    const sender = await startApp(env)
    const tablet = await pairedTablet(sender.app)
    const orderId = await placedOrder(sender.app, tablet)
    const { body: payment } = await startQr(sender.base, tablet, orderId)
    expect(await payAtAlipay(sender.base, payment.id)).toBe(200)
    await until(async () => (await orderStatus(sender.app, orderId)) === 'paid', 10_000, 'the order paid')
    // Only the other process reconciles from here on; the trade exists at the sender's Alipay only.
    await sender.app.reconciler.stop()
    const other = await startApp(env)
    await setFaults(sender.base, { latencyMs: SLOW_REFUND_MS, methods: [serviceName('refund')] })
    const login = await fetch(`${sender.base}/api/staff/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pin: TEST_STAFF_PIN, store: 'default' }) })
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!

    const cancelled = await api(sender.base, `/api/staff/orders/${orderId}`, { method: 'PATCH', cookie, body: { status: 'cancelled', reason: 'Dish never came', refund: true } })

    expect(cancelled.status).toBe(200)
    const refunds = await sender.app.db.selectFrom('refunds').select(['status', 'lease_owner']).where('payment_id', '=', payment.id).execute()
    expect(refunds).toEqual([{ status: 'succeeded', lease_owner: null }])
    const events = await sender.app.db.selectFrom('payment_events').select('kind').where('payment_id', '=', payment.id).execute()
    expect(events.map(event => event.kind)).not.toContain('refund-failed')
    expect(await sender.app.db.selectFrom('alerts').select('kind').execute()).toEqual([])
    await stopApp(other.app)
    await stopApp(sender.app)
  })
})
