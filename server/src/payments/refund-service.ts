// Refunds: the out_request_no is stored before the call and reused on every retry (docs/alipay.md, "Refunds").
import { inTransaction } from '../db/transaction.js'
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.js'
import type { AlipayGateway } from '../alipay/gateway.js'
import { crashPoint } from '../lib/crash-points.js'
import { newId } from '../lib/tokens.js'
import { formatMoney } from '#shared/money.js'
import { AlertKindEnum } from '#shared/schemas/alert.js'
import type { Refund, RefundStatus } from '#shared/schemas/payment.js'
import { OPEN_REFUND_STATUSES, REFUNDABLE_PAYMENT_STATUSES, type PaymentStatus } from '#shared/statuses.js'
import { appendPaymentEvent, type EventSource } from '../repositories/payment-events.js'
import { getPayment, updatePaymentIf } from '../repositories/payments.js'
import { getRefund, insertRefund, openRefundTotal, releaseRefundLease, toRefund, updateRefundIf } from '../repositories/refunds.js'
import type { Alerts } from './alerts.js'
import { GIVE_UP_AFTER_MS, isoAfter, MIN_RETRY_MS, retryDelayMs } from './schedule.js'
import { RefundNotAllowedError, RefundTooLargeError } from './errors.js'
import { heldLeaseColumns, type RowLease } from './row-lease.js'

export interface RefundServiceDeps {
  db: Db
  gateway: AlipayGateway
  alerts: Alerts
  log: FastifyBaseLogger
  now?: () => number
  /** Publishes the payment after its refunded amount changed. */
  paymentChanged: (paymentId: string) => Promise<void>
  /** On a shared database: the lease a new refund is written with, held until its first attempt ends (row-lease.ts). */
  lease?: RowLease | null
  /**
   * Attempts in progress, by refund id. Pass the store's one map so a service rebuilt on a settings reload and an
   * attempt still running on the one before never send the same refund twice at once; by default the service's own.
   */
  attempts?: Map<string, Promise<void>>
}

export interface ExecuteOptions {
  /** The caller (the reconciler) claimed the refund's lease and gives it back itself; otherwise the attempt does. */
  leaseHeldByCaller?: boolean
}

export class RefundService {
  private readonly now: () => number
  /** Attempts in progress, by refund id. */
  private readonly attempts: Map<string, Promise<void>>

  constructor (private readonly deps: RefundServiceDeps) {
    this.now = deps.now ?? Date.now
    this.attempts = deps.attempts ?? new Map()
  }

  /** Records a refund (never more than what is left), then asks Alipay. */
  async requestRefund (paymentId: string, amount: number, reason: string, staffId: string | null, source: EventSource = 'staff'): Promise<Refund> {
    const { db } = this.deps
    const refundId = await inTransaction(db, trx => this.record(trx, { paymentId, amount, reason, staffId, source }))
    crashPoint('after-refund-recorded')
    await this.execute(refundId, source)
    return toRefund((await getRefund(db, refundId))!)
  }

  /**
   * Writes a refund row (never more than what is left) inside the caller's transaction, so the decision
   * that money goes back commits with whatever made it necessary. Alipay is asked after the commit
   * (`execute`); if nobody does, the reconciler sends it once it is due.
   */
  async record (trx: Db, input: { paymentId: string, amount: number, reason: string, staffId: string | null, source: EventSource }): Promise<string> {
    const { paymentId, amount, reason, staffId, source } = input
    const payment = await getPayment(trx, paymentId)
    if (!payment || !REFUNDABLE_PAYMENT_STATUSES.includes(payment.status as PaymentStatus)) {
      throw new RefundNotAllowedError(`Only paid payments can be refunded (this one is ${payment?.status ?? 'unknown'})`)
    }
    const left = payment.amount - payment.refunded_amount - (await openRefundTotal(trx, paymentId))
    if (amount > left) throw new RefundTooLargeError(formatMoney(Math.max(0, left), payment.currency, 'en'))
    const id = newId('refund')
    const at = new Date(this.now()).toISOString()
    await insertRefund(trx, {
      id, payment_id: paymentId, out_request_no: id, amount, reason, status: 'pending', staff_id: staffId,
      // Due shortly: the caller's own attempt goes first; after a crash the reconciler sends it. On a shared
      // database the row is this process's until that attempt ends (execute gives it back), so no other process's
      // reconciler sends the same out_request_no meanwhile and records a failure this attempt may contradict; if
      // this process dies first, the lease runs out and another process sends it.
      failure_code: null, next_check_at: isoAfter(this.now(), MIN_RETRY_MS), created_at: at, updated_at: at,
      ...heldLeaseColumns(this.deps.lease, this.now()),
    })
    await appendPaymentEvent(trx, paymentId, source, 'refund-requested', { refundId: id, amount, reason, staffId })
    return id
  }

  /**
   * Records an automatic refund of all that is left of a payment (double payment, order cancelled)
   * inside the caller's transaction; null when nothing is left to refund.
   */
  async recordRemainder (trx: Db, paymentId: string, reason: string): Promise<string | null> {
    const payment = await getPayment(trx, paymentId)
    if (!payment) return null
    const left = payment.amount - payment.refunded_amount - (await openRefundTotal(trx, paymentId))
    if (left <= 0) return null
    return this.record(trx, { paymentId, amount: left, reason, staffId: null, source: 'reconciler' })
  }

  /**
   * One attempt at an open refund. A call while an attempt for the same refund is running (the
   * caller's first try and a reconciler tick, say) joins it instead of sending a second request.
   */
  execute (refundId: string, source: EventSource = 'reconciler', options: ExecuteOptions = {}): Promise<void> {
    const running = this.attempts.get(refundId)
    if (running) return running
    const attempt = this.attempt(refundId, source)
      .finally(() => options.leaseHeldByCaller ? undefined : this.releaseLease(refundId))
      .finally(() => { if (this.attempts.get(refundId) === attempt) this.attempts.delete(refundId) })
    this.attempts.set(refundId, attempt)
    return attempt
  }

  /**
   * Confirms by query when a try's outcome is in doubt, else (re)sends it. A gateway without a refund query (the
   * Global MAPI) settles the doubt by sending the same refund again: its idempotency key makes that safe.
   */
  private async attempt (refundId: string, source: EventSource): Promise<void> {
    const { db, gateway } = this.deps
    const refund = await getRefund(db, refundId)
    if (!refund || !OPEN_REFUND_STATUSES.includes(refund.status as RefundStatus)) return
    if (refund.status === 'unknown' && gateway.refundsConfirmedBy !== 'resend') {
      const check = await gateway.refundQuery({ outTradeNo: refund.payment_id, outRequestNo: refund.out_request_no })
      if (check.outcome === 'success' && check.data.refunded) {
        await this.succeed(refundId, source, { confirmedBy: 'refund-query' })
        return
      }
      if (check.outcome === 'unknown') {
        await this.markUnknown(refundId, source, `refund-query ${check.reason}`)
        return
      }
    }
    const result = await gateway.refund({
      outTradeNo: refund.payment_id,
      outRequestNo: refund.out_request_no,
      refundAmount: refund.amount,
      reason: refund.reason,
    })
    if (result.outcome === 'success') {
      if (result.data.fundChange) {
        await this.succeed(refundId, source, { refundFee: result.data.refundFee })
        return
      }
      // fund_change=N: already refunded by an earlier try, or not at all — the refund query decides.
      const check = await gateway.refundQuery({ outTradeNo: refund.payment_id, outRequestNo: refund.out_request_no })
      if (check.outcome === 'success' && check.data.refunded) await this.succeed(refundId, source, { confirmedBy: 'refund-query' })
      else await this.markUnknown(refundId, source, 'fund_change N without a confirmed refund')
      return
    }
    if (result.outcome === 'unknown') {
      await this.markUnknown(refundId, source, result.reason)
      return
    }
    // The failure and its alert commit together: a refund never ends failed without staff being told.
    const alert = await inTransaction(db, async (trx) => {
      if (!(await updateRefundIf(trx, refundId, OPEN_REFUND_STATUSES, { status: 'failed', failure_code: result.subCode ?? result.code, next_check_at: null }))) return null
      await appendPaymentEvent(trx, refund.payment_id, source, 'refund-failed', { refundId, code: result.code, subCode: result.subCode, subMsg: result.subMsg })
      return this.deps.alerts.record(trx, {
        kind: AlertKindEnum.REFUND_FAILED,
        paymentId: refund.payment_id,
        detail: { refundId, amount: refund.amount, code: result.code, subCode: result.subCode, subMsg: result.subMsg },
      })
    })
    if (alert) this.deps.alerts.announce(alert)
  }

  /** Gives back the lease record() wrote (if this process still holds it): the refund is the reconciler's again. */
  private async releaseLease (refundId: string): Promise<void> {
    if (!this.deps.lease) return
    await releaseRefundLease(this.deps.db, refundId, this.deps.lease.owner)
      .catch((error: unknown) => { this.deps.log.warn({ err: error, refundId }, 'giving a refund\'s lease back failed; it runs out by itself') })
  }

  private async succeed (refundId: string, source: EventSource, detail: Record<string, unknown>): Promise<void> {
    const { db } = this.deps
    const paymentId = await inTransaction(db, async (trx) => {
      const refund = await getRefund(trx, refundId)
      if (!refund) return null
      // The status change is the guard: a refund adds to refunded_amount exactly once.
      if (!(await updateRefundIf(trx, refundId, OPEN_REFUND_STATUSES, { status: 'succeeded', next_check_at: null, failure_code: null }))) return null
      await appendPaymentEvent(trx, refund.payment_id, source, 'refunded', { refundId, amount: refund.amount, ...detail })
      const payment = (await getPayment(trx, refund.payment_id))!
      const refunded = payment.refunded_amount + refund.amount
      await updatePaymentIf(trx, payment.id, REFUNDABLE_PAYMENT_STATUSES, {
        refunded_amount: refunded,
        status: refunded >= payment.amount ? 'refunded' : 'partially_refunded',
      })
      return payment.id
    })
    if (paymentId) await this.deps.paymentChanged(paymentId)
  }

  private async markUnknown (refundId: string, source: EventSource, reason: string): Promise<void> {
    const { db, alerts } = this.deps
    const alert = await inTransaction(db, async (trx) => {
      const refund = await getRefund(trx, refundId)
      if (!refund) return null
      const age = this.now() - Date.parse(refund.created_at)
      await appendPaymentEvent(trx, refund.payment_id, source, 'refund-unknown', { refundId, reason })
      // Retried for as long as it takes (the money is the diner's), but after a day a person must know.
      await updateRefundIf(trx, refundId, OPEN_REFUND_STATUSES, { status: 'unknown', next_check_at: isoAfter(this.now(), retryDelayMs(age)) })
      if (age < GIVE_UP_AFTER_MS || await alerts.isOpen(AlertKindEnum.REFUND_FAILED, refund.payment_id, trx)) return null
      return alerts.record(trx, {
        kind: AlertKindEnum.REFUND_FAILED,
        paymentId: refund.payment_id,
        detail: { refundId, amount: refund.amount, unconfirmed: true, since: refund.created_at, reason },
      })
    })
    if (alert) alerts.announce(alert)
    this.deps.log.warn({ refundId, reason }, 'refund outcome unknown; it will be confirmed and retried with the same out_request_no')
  }

}
