// The payment state machine (DESIGN.md §6): QR trades, diner cancels, deadlines, and applying Alipay's answers.
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.js'
import type { PaymentRow } from '../db/schema.js'
import type { EventHub } from '../plugins/app/event-hub.js'
import type { AlipayGateway, QueryResult, TradeStatus } from '../alipay/gateway.js'
import { isPaidStatus } from '../alipay/gateway.js'
import { newId } from '../lib/tokens.js'
import { AlertKindEnum } from '../../../shared/src/schemas/alert.js'
import { TabletEventEnum } from '../../../shared/src/schemas/events.js'
import type { Payment, PaymentStatus } from '../../../shared/src/schemas/payment.js'
import type { Alerts } from './alerts.js'
import {
  appendPaymentEvent, getPayment, toPayment, updatePaymentIf, type EventSource,
} from './payments-repository.js'
import { GIVE_UP_AFTER_MS, isoAfter, MIN_ALIPAY_TIMEOUT_MINUTES, POLL_WHILE_WAITING_MS, retryDelayMs } from './schedule.js'
import { OrderNotPayableError, PaymentGatewayUnavailableError } from './errors.js'

export interface PaymentServiceDeps {
  db: Db
  events: EventHub
  gateway: AlipayGateway
  alerts: Alerts
  log: FastifyBaseLogger
  qrTimeoutS: number
  storeName: string
  now?: () => number
  /** Publishes the order (with its payments) to its table and to staff after a change. */
  orderChanged: (orderId: string) => Promise<void>
  /** How often an open QR is queried while the diner waits (default 3 s). */
  pollWhileWaitingMs?: number
  /** Starts an automatic refund (double payment, paid after cancel); set by the refund service. */
  autoRefund?: (paymentId: string, reason: string) => Promise<void>
}

/** States from which a trade's success still turns the payment paid (late successes included). */
const PAYABLE_FROM: readonly PaymentStatus[] = ['creating', 'waiting', 'unknown', 'cancelled', 'closed', 'failed']
const OPEN: readonly PaymentStatus[] = ['creating', 'waiting', 'unknown']
/** A precreate whose answer is unknown is retried this many times, each with a new out_trade_no. */
export const PRECREATE_ATTEMPTS = 3

/** Evidence that a trade was paid, from a verified notification or a query. */
export interface PaidEvidence {
  tradeNo: string | null
  buyerId: string | null
  amount: number | null
  paidAt: string | null
}

export class PaymentService {
  private readonly now: () => number
  /** One settling step at a time per payment: the reconciler and a diner's cancel never interleave. */
  private readonly locks = new Map<string, Promise<unknown>>()

  private readonly pollMs: number

  constructor (private readonly deps: PaymentServiceDeps) {
    this.now = deps.now ?? Date.now
    this.pollMs = deps.pollWhileWaitingMs ?? POLL_WHILE_WAITING_MS
  }

  private get db (): Db { return this.deps.db }

  private serial<T> (paymentId: string, step: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(paymentId) ?? Promise.resolve()
    const next = previous.then(step, step)
    const settled = next.catch(() => undefined)
    this.locks.set(paymentId, settled)
    void settled.then(() => { if (this.locks.get(paymentId) === settled) this.locks.delete(paymentId) })
    return next
  }

  /** An open QR payment for the order: the one already showing, or a new Alipay trade. */
  async startQrPayment (orderId: string): Promise<Payment> {
    const order = await this.db.selectFrom('orders').select(['id', 'number', 'status', 'total', 'currency']).where('id', '=', orderId).executeTakeFirstOrThrow()
    if (order.status !== 'placed') throw new OrderNotPayableError(order.status)
    const open = await this.db.selectFrom('payments').selectAll()
      .where('order_id', '=', orderId).where('status', 'in', OPEN).orderBy('created_at', 'desc').execute()
    const showing = open.find(payment => payment.status === 'waiting' && payment.expires_at !== null && Date.parse(payment.expires_at) > this.now() + 5000)
    if (showing) return toPayment(showing)
    // An expired or half-made attempt is settled first, so two QR codes are never payable at once.
    for (const stale of open) await this.serial(stale.id, () => this.settle(stale.id, 'api', 'superseded'))
    const reloaded = await this.db.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow()
    if (reloaded.status !== 'placed') throw new OrderNotPayableError(reloaded.status)

    let last: PaymentRow | undefined
    for (let attempt = 1; attempt <= PRECREATE_ATTEMPTS; attempt++) {
      last = await this.precreateAttempt(order)
      if (last.status !== 'unknown') break
    }
    if (!last || last.status === 'unknown') throw new PaymentGatewayUnavailableError()
    return toPayment(last)
  }

  private async precreateAttempt (order: { id: string, number: number, total: number, currency: string }): Promise<PaymentRow> {
    const id = newId('pay')
    // Held for the whole attempt: the reconciler must not settle a trade whose precreate is still in flight.
    return this.serial(id, () => this.precreateLocked(id, order))
  }

  private async precreateLocked (id: string, order: { id: string, number: number, total: number, currency: string }): Promise<PaymentRow> {
    const now = this.now()
    const createdAt = new Date(now).toISOString()
    // The row and its out_trade_no exist before Alipay hears of them, so a crash can always be reconciled.
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('payments').values({
        id,
        order_id: order.id,
        method: 'alipay_qr',
        status: 'creating',
        amount: order.total,
        currency: order.currency,
        qr_code: null,
        trade_no: null,
        buyer_id: null,
        expires_at: isoAfter(now, this.deps.qrTimeoutS * 1000),
        failure_code: null,
        paid_at: null,
        next_check_at: isoAfter(now, this.pollMs),
        unknown_since: null,
        created_at: createdAt,
        updated_at: createdAt,
      }).execute()
      await appendPaymentEvent(trx, id, 'api', 'created', { amount: order.total, orderId: order.id })
    })
    const result = await this.deps.gateway.precreate({
      outTradeNo: id,
      totalAmount: order.total,
      subject: subjectFor(this.deps.storeName, order.number),
      timeoutMinutes: Math.max(MIN_ALIPAY_TIMEOUT_MINUTES, Math.ceil(this.deps.qrTimeoutS / 60) + 1),
    })
    if (result.outcome === 'success') {
      await appendPaymentEvent(this.db, id, 'gateway', 'precreated', { qrCode: result.data.qrCode })
      await updatePaymentIf(this.db, id, ['creating'], { status: 'waiting', qr_code: result.data.qrCode })
    } else if (result.outcome === 'failure') {
      const code = result.subCode ?? result.code
      await appendPaymentEvent(this.db, id, 'gateway', 'precreate-failed', { code: result.code, subCode: result.subCode, subMsg: result.subMsg })
      await updatePaymentIf(this.db, id, ['creating'], { status: 'failed', failure_code: code, next_check_at: null })
      this.deps.log.warn({ paymentId: id, code: result.code, subCode: result.subCode }, 'precreate refused')
    } else {
      // Unknown: the trade may exist. It is abandoned (deadline now) so the reconciler queries and
      // cancels it, and the next attempt gets a new out_trade_no (PROTOCOL.md §6.1).
      await appendPaymentEvent(this.db, id, 'gateway', 'precreate-unknown', { reason: result.reason, detail: result.detail, subCode: result.subCode })
      await updatePaymentIf(this.db, id, ['creating'], {
        status: 'unknown', unknown_since: new Date(this.now()).toISOString(), expires_at: new Date(this.now()).toISOString(),
        next_check_at: isoAfter(this.now(), this.pollMs),
      })
      this.deps.log.warn({ paymentId: id, reason: result.reason }, 'precreate outcome unknown; retrying with a new out_trade_no')
    }
    await this.publish(id)
    return (await getPayment(this.db, id))!
  }

  /** The order was paid at the counter or cancelled: no QR of it may stay payable. */
  async abandonOpenPayments (orderId: string): Promise<void> {
    const open = await this.db.selectFrom('payments').select('id').where('order_id', '=', orderId).where('status', 'in', OPEN).execute()
    for (const { id } of open) await this.cancelByDiner(id)
  }

  /** The diner gave up: settle now (a payment that went through still counts). */
  async cancelByDiner (paymentId: string): Promise<Payment> {
    await this.serial(paymentId, () => this.cancelNow(paymentId))
    return toPayment((await getPayment(this.db, paymentId))!)
  }

  private async cancelNow (paymentId: string): Promise<void> {
    const payment = await getPayment(this.db, paymentId)
    if (payment && OPEN.includes(payment.status as PaymentStatus)) {
      await appendPaymentEvent(this.db, paymentId, 'api', 'cancel-requested')
      await updatePaymentIf(this.db, paymentId, OPEN, { expires_at: new Date(this.now()).toISOString() })
      await this.settle(paymentId, 'api', 'diner-cancelled')
    }
  }

  /**
   * One reconciler step for an open payment: query while the diner waits; at the deadline query
   * once more and cancel (PROTOCOL.md §6.2); unknown outcomes back off for up to 24 h.
   */
  async check (paymentId: string, source: EventSource = 'reconciler'): Promise<void> {
    await this.serial(paymentId, () => this.checkNow(paymentId, source))
  }

  private async checkNow (paymentId: string, source: EventSource): Promise<void> {
    const payment = await getPayment(this.db, paymentId)
    if (!payment || !OPEN.includes(payment.status as PaymentStatus)) return
    const pastDeadline = payment.expires_at !== null && Date.parse(payment.expires_at) <= this.now()
    if (pastDeadline || payment.status === 'unknown' || payment.status === 'creating') {
      await this.settle(paymentId, source, 'deadline')
      return
    }
    const query = await this.deps.gateway.query({ outTradeNo: paymentId })
    if (query.outcome === 'success') {
      await this.applyTradeState(paymentId, query.data.tradeStatus, evidenceFromQuery(query.data), source)
    }
    // TRADE_NOT_EXIST (not scanned yet), WAIT_BUYER_PAY or an unknown answer: look again soon.
    await updatePaymentIf(this.db, paymentId, ['waiting'], { next_check_at: isoAfter(this.now(), this.pollMs) })
  }

  /** Staff asked to look again: open payments take a normal step; closed ones are queried for a late success. */
  async recheck (paymentId: string): Promise<void> {
    await this.serial(paymentId, async () => {
      const payment = await getPayment(this.db, paymentId)
      if (!payment) return
      await appendPaymentEvent(this.db, paymentId, 'staff', 'recheck-requested', { status: payment.status })
      if (OPEN.includes(payment.status as PaymentStatus)) {
        if (payment.next_check_at === null) {
          // Given up after 24 h: a fresh day of attempts starts now.
          await updatePaymentIf(this.db, paymentId, OPEN, { unknown_since: new Date(this.now()).toISOString() })
        }
        await this.checkNow(paymentId, 'staff')
        return
      }
      const query = await this.deps.gateway.query({ outTradeNo: paymentId })
      if (query.outcome === 'success' && isPaidStatus(query.data.tradeStatus)) {
        await this.markPaid(paymentId, evidenceFromQuery(query.data), 'staff')
      }
    })
  }

  /** Query, then cancel what is not paid; an unknown step leaves the payment unknown for a later try. */
  private async settle (paymentId: string, source: EventSource, why: string): Promise<void> {
    const query = await this.deps.gateway.query({ outTradeNo: paymentId })
    if (query.outcome === 'success') {
      await this.applyTradeState(paymentId, query.data.tradeStatus, evidenceFromQuery(query.data), source)
      if (query.data.tradeStatus !== 'WAIT_BUYER_PAY') return
    } else if (query.outcome === 'unknown') {
      await this.markUnknown(paymentId, source, 'query', query.reason)
      return
    }
    // Not paid (not scanned, or scanned and waiting): cancel so the QR can no longer be paid.
    const cancel = await this.deps.gateway.cancel({ outTradeNo: paymentId })
    if (cancel.outcome === 'unknown' || (cancel.outcome === 'success' && cancel.data.retryFlag)) {
      await this.markUnknown(paymentId, source, 'cancel', cancel.outcome === 'unknown' ? cancel.reason : 'retry_flag')
      return
    }
    if (cancel.outcome === 'failure' && cancel.subCode !== 'ACQ.TRADE_NOT_EXIST') {
      await appendPaymentEvent(this.db, paymentId, source, 'cancel-failed', { code: cancel.code, subCode: cancel.subCode, subMsg: cancel.subMsg })
      await this.markUnknown(paymentId, source, 'cancel', cancel.subCode ?? cancel.code)
      return
    }
    const action = cancel.outcome === 'success' ? cancel.data.action : null
    await appendPaymentEvent(this.db, paymentId, source, 'cancelled', { why, action })
    if (action === 'refund') {
      // Paid between our last query and the cancel: Alipay returned the money.
      const payment = await getPayment(this.db, paymentId)
      await updatePaymentIf(this.db, paymentId, OPEN, { status: 'refunded', refunded_amount: payment?.amount ?? 0, next_check_at: null, unknown_since: null })
      await this.deps.alerts.raise({ kind: AlertKindEnum.PAYMENT_LATE_SUCCESS, paymentId, orderId: payment?.order_id, detail: { refundedByCancel: true } })
    } else {
      await updatePaymentIf(this.db, paymentId, OPEN, { status: 'cancelled', next_check_at: null, unknown_since: null, failure_code: why === 'deadline' ? 'EXPIRED' : null })
    }
    await this.publish(paymentId)
  }

  private async markUnknown (paymentId: string, source: EventSource, step: string, reason: string): Promise<void> {
    const payment = await getPayment(this.db, paymentId)
    if (!payment || !OPEN.includes(payment.status as PaymentStatus)) return
    const now = this.now()
    const since = payment.unknown_since ? Date.parse(payment.unknown_since) : now
    await appendPaymentEvent(this.db, paymentId, source, 'unknown', { step, reason })
    if (now - since >= GIVE_UP_AFTER_MS) {
      await updatePaymentIf(this.db, paymentId, OPEN, { status: 'unknown', next_check_at: null })
      await this.deps.alerts.raise({ kind: AlertKindEnum.PAYMENT_UNRESOLVED, paymentId, orderId: payment.order_id, detail: { step, reason } })
      await this.publish(paymentId)
      return
    }
    await updatePaymentIf(this.db, paymentId, OPEN, {
      status: 'unknown',
      unknown_since: new Date(since).toISOString(),
      next_check_at: isoAfter(now, retryDelayMs(now - since)),
    })
    const pastDeadline = payment.expires_at !== null && Date.parse(payment.expires_at) <= now
    if (pastDeadline && payment.status !== 'unknown' && !(await this.deps.alerts.isOpen(AlertKindEnum.PAYMENT_UNKNOWN, paymentId))) {
      await this.deps.alerts.raise({ kind: AlertKindEnum.PAYMENT_UNKNOWN, paymentId, orderId: payment.order_id, detail: { step, reason } })
    }
    if (payment.status !== 'unknown') await this.publish(paymentId)
  }

  /** Applies a trade state learned from a verified notification or a query. */
  async applyTradeState (paymentId: string, tradeStatus: TradeStatus, evidence: PaidEvidence, source: EventSource): Promise<void> {
    if (isPaidStatus(tradeStatus)) {
      await this.markPaid(paymentId, evidence, source)
      return
    }
    if (tradeStatus === 'TRADE_CLOSED') {
      const closed = await updatePaymentIf(this.db, paymentId, OPEN, { status: 'closed', next_check_at: null, unknown_since: null, failure_code: 'TRADE_CLOSED' })
      if (closed) {
        await appendPaymentEvent(this.db, paymentId, source, 'closed', {})
        await this.publish(paymentId)
      }
    }
  }

  /**
   * Marks a payment paid, once. Its order becomes paid unless another payment already paid it
   * (then this one is refunded automatically) or staff cancelled the order meanwhile.
   */
  async markPaid (paymentId: string, evidence: PaidEvidence, source: EventSource): Promise<void> {
    const outcome = await this.db.transaction().execute(async (trx) => {
      const payment = await getPayment(trx, paymentId)
      if (!payment || !PAYABLE_FROM.includes(payment.status as PaymentStatus)) return null
      await appendPaymentEvent(trx, paymentId, source, 'paid', { ...evidence, previousStatus: payment.status })
      await updatePaymentIf(trx, paymentId, PAYABLE_FROM, {
        status: 'paid',
        trade_no: evidence.tradeNo ?? payment.trade_no,
        buyer_id: evidence.buyerId ?? payment.buyer_id,
        paid_at: evidence.paidAt ?? new Date(this.now()).toISOString(),
        next_check_at: null,
        unknown_since: null,
        failure_code: null,
      })
      const otherPaid = await trx.selectFrom('payments').select('id')
        .where('order_id', '=', payment.order_id).where('id', '!=', paymentId)
        .where('status', 'in', ['paid', 'partially_refunded']).executeTakeFirst()
      const order = await trx.selectFrom('orders').select(['status']).where('id', '=', payment.order_id).executeTakeFirstOrThrow()
      if (otherPaid) return { payment, kind: 'double' as const, otherPaymentId: otherPaid.id }
      if (order.status === 'cancelled') return { payment, kind: 'order-cancelled' as const }
      // Past `placed` with no paid trade: staff took the money at the counter, so this is a second payment.
      if (order.status !== 'placed') return { payment, kind: 'double' as const, otherPaymentId: null }
      if (order.status === 'placed') {
        await trx.updateTable('orders').set({ status: 'paid', updated_at: new Date(this.now()).toISOString() })
          .where('id', '=', payment.order_id).where('status', '=', 'placed').execute()
      }
      const afterDeadline = payment.expires_at !== null && Date.parse(payment.expires_at) < this.now()
      return { payment, kind: 'paid' as const, late: afterDeadline || ['cancelled', 'closed', 'failed'].includes(payment.status) }
    })
    if (!outcome) return
    const { payment } = outcome
    this.deps.log.info({ paymentId, orderId: payment.order_id, source, kind: outcome.kind }, 'payment paid')
    await this.publish(paymentId)
    await this.deps.orderChanged(payment.order_id)
    if (outcome.kind === 'double') {
      await this.deps.alerts.raise({ kind: AlertKindEnum.DOUBLE_PAYMENT, paymentId, orderId: payment.order_id, detail: { otherPaymentId: outcome.otherPaymentId, amount: payment.amount } })
      await this.deps.autoRefund?.(paymentId, 'Paid twice for the same order')
    } else if (outcome.kind === 'order-cancelled') {
      await this.deps.alerts.raise({ kind: AlertKindEnum.PAID_AFTER_CANCEL, paymentId, orderId: payment.order_id, detail: { amount: payment.amount } })
      await this.deps.autoRefund?.(paymentId, 'Order was cancelled before payment arrived')
    } else if (outcome.late) {
      await this.deps.alerts.raise({ kind: AlertKindEnum.PAYMENT_LATE_SUCCESS, paymentId, orderId: payment.order_id, detail: { previousStatus: payment.status, amount: payment.amount } })
    }
  }

  /** Sends payment.updated to the order's table and to staff. */
  async publish (paymentId: string): Promise<void> {
    const row = await this.db.selectFrom('payments').innerJoin('orders', 'orders.id', 'payments.order_id')
      .selectAll('payments').select('orders.table_id as table_id').where('payments.id', '=', paymentId).executeTakeFirst()
    if (!row) return
    const { table_id: tableId, ...paymentRow } = row
    const payment = toPayment(paymentRow)
    this.deps.events.publish({ kind: 'table', tableId }, TabletEventEnum.PAYMENT_UPDATED, payment)
    this.deps.events.publish({ kind: 'staff' }, TabletEventEnum.PAYMENT_UPDATED, payment)
  }
}

export function evidenceFromQuery (data: QueryResult): PaidEvidence {
  return { tradeNo: data.tradeNo, buyerId: data.buyerId ?? data.buyerOpenId ?? null, amount: data.totalAmount, paidAt: data.paidAt ?? null }
}

/** Alipay's subject: the store and order number, without the characters PROTOCOL.md §2.1 warns about. */
export function subjectFor (storeName: string, orderNumber: number): string {
  return `${storeName} #${orderNumber}`.replace(/[/=&]/g, ' ').slice(0, 256)
}
