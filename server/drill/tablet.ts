// One simulated table tablet and its diner: register, get paired, order (retried with the same
// clientOrderId until answered, as the outbox does), start paying, then pay, decline, walk away or pay twice.
import type { EmulatorClient } from './emulator-client.js'
import type { FaultSchedule } from './fault-schedule.js'
import { cookieFrom, jsonOf, send, type HttpResult } from './http-client.js'
import type { Random } from './random.js'
import { isAnswer, retryUntil, sleep } from './retry.js'
import type { StaffClient, Table } from './staff-client.js'
import type { TrafficStats } from './traffic-stats.js'

export const BEHAVIOURS = ['pay', 'decline', 'never-pay', 'pay-twice'] as const
export type Behaviour = typeof BEHAVIOURS[number]

export interface TabletRecord {
  index: number
  behaviour: Behaviour
  clientOrderId: string
  deviceId?: string
  /** The order id the server answered with (201 or 200), once it answered. */
  orderId?: string
  orderStatus?: number
  orderAttempts: number
  paymentIds: string[]
  /** Times the diner's Pay went through at the emulator. */
  dinerPaid: number
  /** Where the tablet gave up, if it did. */
  stuck?: string
}

interface MenuItem {
  id: string
  available: boolean
  optionGroups: Array<{ min: number, options: Array<{ id: string, available: boolean }> }>
}
interface Payment { id: string, status: string, qrCode: string | null }

export interface TabletContext {
  baseUrl: string
  staff: StaffClient
  tables: Table[]
  emulator: EmulatorClient
  faults: FaultSchedule
  stats: TrafficStats
}

export class Tablet {
  readonly record: TabletRecord
  private cookie = ''
  private pairingCode = ''
  private readonly address: string

  constructor (index: number, private readonly random: Random, private readonly ctx: TabletContext) {
    this.record = { index, behaviour: random.pick(weightedBehaviours), clientOrderId: random.uuid(), orderAttempts: 0, paymentIds: [], dinerPaid: 0 }
    // Its own loopback address: per-IP limits (registrations) count each tablet separately.
    this.address = `127.0.${1 + Math.floor(index / 250)}.${1 + (index % 250)}`
  }

  private call (method: string, path: string, body?: unknown): Promise<HttpResult> {
    return send({
      method,
      url: `${this.ctx.baseUrl}${path}`,
      headers: { cookie: this.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      localAddress: this.address,
    }).then(result => this.ctx.stats.record(`${method} ${path.replace(/\/(dev|ord|pay)_[^/]+/, '/:id')}`, result))
  }

  async run (): Promise<TabletRecord> {
    try {
      if (!await this.register()) return this.stuck('register')
      if (!await this.pair()) return this.stuck('pair')
      const lines = await this.chooseLines()
      if (!lines) return this.stuck('menu')
      const order = await this.placeOrder(lines)
      if (!order) return this.stuck('order')
      await this.dine(order)
    } catch (error) {
      this.record.stuck = `error: ${error instanceof Error ? error.message : String(error)}`
    }
    return this.record
  }

  private stuck (step: string): TabletRecord {
    this.record.stuck = step
    return this.record
  }

  private async register (): Promise<boolean> {
    const result = await retryUntil(() => this.call('POST', '/api/devices', { name: `Drill ${this.record.index}` }), isAnswer)
    const cookie = cookieFrom(result, 'tp_device')
    const body = jsonOf<{ deviceId: string, pairingCode: string }>(result)
    if (!cookie || !body) return false
    this.cookie = cookie
    this.record.deviceId = body.deviceId
    this.pairingCode = body.pairingCode
    return true
  }

  private async pair (): Promise<boolean> {
    const table = this.ctx.tables[this.record.index % this.ctx.tables.length]!
    for (let attempt = 0; attempt < 5; attempt++) {
      const result = await this.ctx.staff.pair(this.pairingCode, table.id, this.address)
      if (result.ok && result.status === 200) return true
      // The answer may have been lost to a kill after the pairing was saved: the tablet's own state says.
      const me = jsonOf<{ status: string, pairingCode?: string }>(await retryUntil(() => this.call('GET', '/api/devices/me'), isAnswer))
      if (me?.status === 'paired') return true
      if (me?.pairingCode) this.pairingCode = me.pairingCode
      else {
        const fresh = jsonOf<{ pairingCode: string }>(await retryUntil(() => this.call('POST', '/api/devices/me/pairing-code'), isAnswer))
        if (fresh) this.pairingCode = fresh.pairingCode
      }
    }
    return false
  }

  private async chooseLines (): Promise<Array<{ itemId: string, quantity: number, optionIds: string[] }> | null> {
    const menu = jsonOf<{ items: MenuItem[] }>(await retryUntil(() => this.call('GET', '/api/menu'), isAnswer))
    const orderable = (menu?.items ?? []).filter(item => item.available &&
      item.optionGroups.every(group => group.options.filter(option => option.available).length >= group.min))
    if (orderable.length === 0) return null
    const lines = new Map<string, { itemId: string, quantity: number, optionIds: string[] }>()
    for (let n = this.random.int(1, 3); n > 0; n--) {
      const item = this.random.pick(orderable)
      const optionIds = item.optionGroups.flatMap(group => group.options.filter(option => option.available).slice(0, group.min).map(option => option.id))
      lines.set(item.id, { itemId: item.id, quantity: this.random.int(1, 3), optionIds })
    }
    return [...lines.values()]
  }

  /** The outbox: the same clientOrderId and body until the server answers. */
  private async placeOrder (lines: Array<{ itemId: string, quantity: number, optionIds: string[] }>): Promise<{ id: string } | null> {
    const body = { clientOrderId: this.record.clientOrderId, lines }
    const result = await retryUntil(() => {
      this.record.orderAttempts++
      return this.call('POST', '/api/orders', body)
    }, isAnswer, 600_000)
    if (!result.ok) return null
    this.record.orderStatus = result.status
    const order = jsonOf<{ id: string }>(result)
    if ((result.status !== 200 && result.status !== 201) || !order) return null
    this.record.orderId = order.id
    return order
  }

  /** Starts (or resumes) a QR payment; a 503 (Alipay unreachable) is the diner tapping "try again". */
  private async startPayment (orderId: string): Promise<Payment | null> {
    for (let attempt = 0; attempt < 6; attempt++) {
      const result = await retryUntil(() => this.call('POST', `/api/orders/${orderId}/payments`, { method: 'alipay_qr' }), r => r.ok && r.status !== 500 && r.status !== 502)
      const payment = jsonOf<Payment>(result)
      if (result.ok && (result.status === 200 || result.status === 201) && payment) {
        if (!this.record.paymentIds.includes(payment.id)) this.record.paymentIds.push(payment.id)
        if (payment.qrCode) return payment
      }
      if (result.ok && result.status === 409) return null
      await sleep(500 * (attempt + 1))
    }
    return null
  }

  private async cancel (paymentId: string): Promise<void> {
    await retryUntil(() => this.call('POST', `/api/payments/${paymentId}/cancel`), isAnswer, 60_000)
  }

  private async pay (qrCode: string): Promise<void> {
    if (await this.ctx.emulator.pay(qrCode) === 'paid') this.record.dinerPaid++
  }

  /** Waits, like the tablet's payment screen, for the order to leave `placed` (or gives up quietly). */
  private async watch (orderId: string): Promise<void> {
    const deadline = Date.now() + 20_000
    while (Date.now() < deadline) {
      const order = jsonOf<{ status: string }>(await this.call('GET', `/api/orders/${orderId}`))
      if (order && order.status !== 'placed') return
      await sleep(1000)
    }
  }

  private async dine (order: { id: string }): Promise<void> {
    await sleep(this.random.int(0, 1500))
    const first = await this.startPayment(order.id)
    if (!first?.qrCode) return
    const qr = first.qrCode
    switch (this.record.behaviour) {
      case 'pay':
        await sleep(this.random.int(0, 2000))
        await this.pay(qr)
        await this.watch(order.id)
        return
      case 'decline':
        await this.ctx.emulator.decline(qr)
        // Half the diners tap "cancel" on the tablet; the others leave it to the QR deadline.
        if (this.random.chance(0.5)) await this.cancel(first.id)
        return
      case 'never-pay':
        return
      case 'pay-twice': {
        const oldQrLast = this.random.chance(0.5)
        await this.ctx.faults.duringOutage(async () => {
          // The diner pays (or only scans) the first QR, the tablet goes back, and a second QR is paid too.
          if (oldQrLast) await this.ctx.emulator.scan(qr)
          else await this.pay(qr)
          await this.cancel(first.id)
          const second = await this.startPayment(order.id)
          if (second?.qrCode && second.id !== first.id) await this.pay(second.qrCode)
          if (oldQrLast) await this.pay(qr)
        })
        await this.watch(order.id)
      }
    }
  }
}

/** Most diners pay; the rest decline, walk away or manage to pay twice. */
const weightedBehaviours: readonly Behaviour[] = [
  'pay', 'pay', 'pay', 'pay', 'pay',
  'decline', 'decline',
  'never-pay', 'never-pay',
  'pay-twice', 'pay-twice',
]
