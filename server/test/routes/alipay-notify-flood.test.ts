// Forged notifications cannot flood the alerts table, the log or the server: counted per sender, clipped, capped, rate-limited.
import { Writable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { buildEmptyApp } from '../auth-helpers.js'
import { testConfig } from '../helper.js'
import { buildApp, type App } from '../../src/app.js'
import { NOTIFY_BODY_LIMIT, NOTIFY_RATE_LIMIT_PER_MINUTE } from '../../src/routes/api/alipay/index.js'
import { AlertKindEnum } from '#shared/schemas/alert.js'

const FORM = 'application/x-www-form-urlencoded; charset=utf-8'

/** A notification shaped like Alipay's whose signature is garbage. */
function forged (fields: Record<string, string> = {}): string {
  return new URLSearchParams({
    notify_id: 'n_forged', notify_type: 'trade_status_sync', app_id: '2021000000000000', charset: 'utf-8',
    out_trade_no: 'pay_forged', trade_status: 'TRADE_SUCCESS', total_amount: '42.80', sign_type: 'RSA2',
    sign: Buffer.alloc(256, 7).toString('base64'), ...fields,
  }).toString()
}

function notify (app: App, payload: string, remoteAddress = '127.0.0.1', contentType = FORM) {
  return app.inject({ method: 'POST', url: '/api/alipay/notify', headers: { 'content-type': contentType }, payload, remoteAddress })
}

async function badSignatureRows (app: App) {
  const rows = await app.db.selectFrom('alerts').selectAll().where('kind', '=', AlertKindEnum.NOTIFICATION_BAD_SIGNATURE).execute()
  return rows.map(row => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }))
}

async function alertRowCount (app: App): Promise<number> {
  const { n } = await app.db.selectFrom('alerts').select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(n)
}

describe('POST /api/alipay/notify with bad signatures', () => {
  it(`folds ${NOTIFY_RATE_LIMIT_PER_MINUTE} forged notifications from one sender into one alert with a count, per sender`, async () => {
    const app = await buildEmptyApp()
    const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => notify(app, forged({ notify_id: `n_${i}` }))))
    expect(answers.map(answer => `${answer.statusCode} ${answer.body}`)).toEqual(Array(300).fill('200 fail'))
    await notify(app, forged(), '10.9.8.7')

    const rows = await badSignatureRows(app)
    expect(rows).toHaveLength(2)
    const local = rows.find(row => row.detail.source === '127.0.0.1')!
    expect(local.detail).toMatchObject({ count: 300, outTradeNo: 'pay_forged' })
    expect(local.severity).toBe('critical')
    // Sender-chosen, so not a link to a payment.
    expect(local.payment_id).toBeNull()
    expect(rows.find(row => row.detail.source === '10.9.8.7')?.detail).toMatchObject({ count: 1 })
  })

  it('stops a sender above the limit with an answer Alipay retries, and other senders go on', async () => {
    const app = await buildEmptyApp()
    const answers = await Promise.all(Array.from({ length: NOTIFY_RATE_LIMIT_PER_MINUTE }, () => notify(app, forged())))
    expect(answers.every(answer => answer.statusCode === 200)).toBe(true)
    const limited = await notify(app, forged())
    expect(limited.statusCode).toBe(429)
    expect(limited.json().code).toBe('RATE_LIMITED')
    expect(limited.body).not.toBe('success')
    expect((await notify(app, forged(), '10.9.8.7')).statusCode).toBe(200)
    const rows = await badSignatureRows(app)
    expect(rows.find(row => row.detail.source === '127.0.0.1')?.detail.count).toBe(NOTIFY_RATE_LIMIT_PER_MINUTE)
  })

  describe('with a 30 KB out_trade_no', () => {
    let app: App | undefined
    afterEach(async () => { await app?.close() })

    it('stores and logs only a short prefix of it', async () => {
      const lines: string[] = []
      const stream = new Writable({ write (chunk: Buffer, _encoding, done) { lines.push(chunk.toString()); done() } })
      app = await buildApp({ config: testConfig({ DEMO_SEED: 'false' }), logger: { level: 'warn', stream } })
      const huge = `pay_${'x'.repeat(30 * 1024)}`
      const answer = await notify(app, forged({ out_trade_no: huge, notify_id: 'y'.repeat(1000) }))
      expect(answer.body).toBe('fail')

      const [row] = await app.db.selectFrom('alerts').selectAll().execute()
      // No column holds it in full (it once went into payment_id).
      expect(JSON.stringify(row).length).toBeLessThan(1024)
      expect(JSON.parse(row!.detail).outTradeNo).toMatch(/^pay_x+…$/)
      expect(lines.length).toBeGreaterThan(0)
      for (const line of lines) expect(line.length).toBeLessThan(2048)
    })
  })

  it('refuses a body above the limit with 413 before reading it, whatever its type, and stores nothing', async () => {
    const app = await buildEmptyApp()
    const big = forged({ out_trade_no: 'x'.repeat(NOTIFY_BODY_LIMIT) })
    const form = await notify(app, big)
    expect(form.statusCode).toBe(413)
    const json = await notify(app, JSON.stringify({ out_trade_no: 'x'.repeat(NOTIFY_BODY_LIMIT) }), '127.0.0.1', 'application/json')
    expect(json.statusCode).toBe(413)
    expect(json.body).not.toBe('success')
    expect(await alertRowCount(app)).toBe(0)
  })
})
