// Refunds: the out_request_no is stored before the call and reused on every retry (PROTOCOL.md §6.1).
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.js'
import type { AlipayGateway } from '../alipay/gateway.js'
import { newId } from '../lib/tokens.js'
import { formatMoney } from '../../../shared/src/money.js'
import { AlertKindEnum } from '../../../shared/src/schemas/alert.js'
import type { Refund, RefundStatus } from '../../../shared/src/schemas/payment.js'
import type { Alerts } from './alerts.js'
import {
  appendPaymentEvent, getPayment, getRefund, toRefund, updatePaymentIf, updateRefundIf, type EventSource,
} from './payments-repository.js'
import { isoAfter, MIN_RETRY_MS, retryDelayMs } from './schedule.js'
import { RefundNotAllowedError, RefundTooLargeError } from './errors.js'

export interface RefundServiceDeps {
  db: Db
  gateway: AlipayGateway
  alerts: Alerts
  log: FastifyBaseLogger
  now?: () => number
  /** Publishes the payment after its refunded amount changed. */
  paymentChanged: (paymentId: string) => Promise<void>
}

const REFUNDABLE_PAYMENT: readonly string[] = ['paid', 'partially_refunded']
const OPEN_REFUND: readonly RefundStatus[] = ['pending', 'unknown']

export class RefundService {
  private readonly now: () => number

  constructor (private readonly deps: RefundServiceDeps) {
    this.now = deps.now ?? Date.now
  }

  /** Records a refund (never more than what is left), then asks Alipay. */
  async requestRefund (paymentId: string, amount: number, reason: string, staffId: string | null, source: EventSource = 'staff'): Promise<Refund> {
    const { db } = this.deps
    const refundId = await db.transaction().execute(async (trx) => {
      const payment = await getPayment(trx, paymentId)
      if (!payment || !REFUNDABLE_PAYMENT.includes(payment.status)) {
        throw new RefundNotAllowedError(`Only paid payments can be refunded (this one is ${payment?.status ?? 'unknown'})`)
      }
      const pending = await trx.selectFrom('refunds').select(({ fn }) => fn.sum<number>('amount').as('total'))
        .where('payment_id', '=', paymentId).where('status', 'in', OPEN_REFUND).executeTakeFirst()
      const left = payment.amount - payment.refunded_amount - Number(pending?.total ?? 0)
      if (amount > left) throw new RefundTooLargeError(formatMoney(Math.max(0, left), payment.currency, 'en'))
      const id = newId('refund')
      const at = new Date(this.now()).toISOString()
      await trx.insertInto('refunds').values({
        id, payment_id: paymentId, out_request_no: id, amount, reason, status: 'pending', staff_id: staffId,
        failure_code: null, next_check_at: isoAfter(this.now(), MIN_RETRY_MS), created_at: at, updated_at: at,
      }).execute()
      await appendPaymentEvent(trx, paymentId, source, 'refund-requested', { refundId: id, amount, reason, staffId })
      return id
    })
    await this.execute(refundId, source)
    return toRefund((await getRefund(db, refundId))!)
  }

  /** One attempt at an open refund: confirm by query when a try's outcome is in doubt, else (re)send it. */
  async execute (refundId: string, source: EventSource = 'reconciler'): Promise<void> {
    const { db, gateway } = this.deps
    const refund = await getRefund(db, refundId)
    if (!refund || !OPEN_REFUND.includes(refund.status as RefundStatus)) return
    if (refund.status === 'unknown') {
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
    await appendPaymentEvent(db, refund.payment_id, source, 'refund-failed', { refundId, code: result.code, subCode: result.subCode, subMsg: result.subMsg })
    await updateRefundIf(db, refundId, OPEN_REFUND, { status: 'failed', failure_code: result.subCode ?? result.code, next_check_at: null })
    await this.deps.alerts.raise({
      kind: AlertKindEnum.REFUND_FAILED,
      paymentId: refund.payment_id,
      detail: { refundId, amount: refund.amount, code: result.code, subCode: result.subCode, subMsg: result.subMsg },
    })
  }

  private async succeed (refundId: string, source: EventSource, detail: Record<string, unknown>): Promise<void> {
    const { db } = this.deps
    const paymentId = await db.transaction().execute(async (trx) => {
      const refund = await getRefund(trx, refundId)
      if (!refund) return null
      // The status change is the guard: a refund adds to refunded_amount exactly once.
      if (!(await updateRefundIf(trx, refundId, OPEN_REFUND, { status: 'succeeded', next_check_at: null, failure_code: null }))) return null
      await appendPaymentEvent(trx, refund.payment_id, source, 'refunded', { refundId, amount: refund.amount, ...detail })
      const payment = (await getPayment(trx, refund.payment_id))!
      const refunded = payment.refunded_amount + refund.amount
      await updatePaymentIf(trx, payment.id, ['paid', 'partially_refunded'], {
        refunded_amount: refunded,
        status: refunded >= payment.amount ? 'refunded' : 'partially_refunded',
      })
      return payment.id
    })
    if (paymentId) await this.deps.paymentChanged(paymentId)
  }

  private async markUnknown (refundId: string, source: EventSource, reason: string): Promise<void> {
    const { db } = this.deps
    const refund = await getRefund(db, refundId)
    if (!refund) return
    const age = this.now() - Date.parse(refund.created_at)
    await appendPaymentEvent(db, refund.payment_id, source, 'refund-unknown', { refundId, reason })
    await updateRefundIf(db, refundId, OPEN_REFUND, { status: 'unknown', next_check_at: isoAfter(this.now(), retryDelayMs(age)) })
    this.deps.log.warn({ refundId, reason }, 'refund outcome unknown; it will be confirmed and retried with the same out_request_no')
  }

  /** The full remaining amount, refunded automatically (double payment, order cancelled). */
  async refundRemainder (paymentId: string, reason: string): Promise<void> {
    const payment = await getPayment(this.deps.db, paymentId)
    if (!payment) return
    const left = payment.amount - payment.refunded_amount
    if (left > 0) await this.requestRefund(paymentId, left, reason, null, 'reconciler')
  }
}
