// The payment state machine (docs/architecture.md, "Payment state machine"): QR trades, diner cancels, deadlines, and applying Alipay's answers.
import { inTransaction } from '../db/transaction.js'
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.js'
import type { CommitGroup } from '../db/group-commit.js'
import type { OrderRow, PaymentRow } from '../db/schema.js'
import type { EventHub } from '../lib/event-hub.js'
import type { AlipayGateway, Buyer, GatewayResult, QueryResult, TradeStatus } from '../alipay/gateway.js'
import { isPaidStatus, isTradeNotFound } from '../alipay/gateway.js'
import { parseAlipayTimestamp } from '../alipay/timestamp.js'
import { crashPoint, type CrashPoint } from '../lib/crash-points.js'
import { newId } from '../lib/tokens.js'
import { AlertKindEnum } from '#shared/schemas/alert.js'
import { TabletEventEnum } from '#shared/schemas/events.js'
import type { Payment, PaymentStatus } from '#shared/schemas/payment.js'
import { PaymentFailureCodeEnum } from '#shared/error-codes.js'
import { OPEN_PAYMENT_STATUSES, OrderStatusEnum, PAYABLE_FROM_STATUSES } from '#shared/statuses.js'
import type { PaymentMethod } from '#shared/schemas/payment.js'
import { findOrderRow, updateOrderStatus } from '../repositories/orders.js'
import { queueTicketsOnPaid } from '../printing/kitchen-queue.js'
import { appendPaymentEvent, appendPaymentEvents, type EventSource, type PaymentEventInput } from '../repositories/payment-events.js'
import {
  getPayment, getPaymentToSettle, getPaymentWithTable, insertPayment, openPaymentsOfOrder, releasePaymentLease, toPayment,
  updatePaymentIf, updatePaymentReturning, type PaymentPatch,
} from '../repositories/payments.js'
import type { AlertInput, Alerts } from './alerts.js'
import { GIVE_UP_AFTER_MS, isoAfter, MIN_ALIPAY_TIMEOUT_MINUTES, POLL_WHILE_WAITING_MS, retryDelayMs } from './schedule.js'
import { OrderNotPayableError, PaymentGatewayUnavailableError } from './errors.js'
import { assertPayableTotal } from './payable-total.js'
import { heldLeaseColumns, type RowLease } from './row-lease.js'
import { applyCheckPayment, recordPlan, settleAfterOrderPayment, settleCheck, type CheckPaymentPlan } from '../services/check-ledger.js'

export interface PaymentServiceDeps {
  db: Db
  /** The database's shared commit group: creation, polls and applied trade states commit with other writes. */
  commits: Pick<CommitGroup, 'run'>
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
  /** Automatic refunds (double payment, paid after cancel): the refund service. */
  refunds: AutoRefunds
  /** Tells the table's screens that its check changed (a payment against it or one of its orders). */
  checkChanged?: (checkId: string, tableId: string) => void
  /** On a shared database: the lease a new payment is written with, held until its creation ends (row-lease.ts). */
  lease?: RowLease | null
  /**
   * The per-payment locks (serial). Pass the store's one map so a service rebuilt on a settings reload and work still
   * running on the one before exclude each other; by default the service's own.
   */
  locks?: Map<string, Promise<unknown>>
}

/** What markPaid needs of the refund service: record inside its transaction, send after the commit. */
export interface AutoRefunds {
  /** Writes a refund of all that is left of the payment in `trx`; null when nothing is left. */
  recordRemainder: (trx: Db, paymentId: string, reason: string) => Promise<string | null>
  /** Writes a refund of `amount` of the payment in `trx` (a check's overpaid part). */
  record: (trx: Db, input: { paymentId: string, amount: number, reason: string, staffId: null, source: EventSource }) => Promise<string>
  /** Asks Alipay now; if this never happens (a crash), the reconciler sends the recorded refund. */
  execute: (refundId: string) => Promise<void>
}

/** What a new trade is for: a single order (QR on the tablet) or a check (scope all / mine / even). */
interface TradeSpec {
  method: PaymentMethod
  subject: string
  tableId: string
  /** The buyer, for alipay_jsapi (trade.create); null for a QR (precreate). */
  buyer: Buyer | null
  /** Writes the payment row and what belongs with it, in the transaction that creates it; gives its amount. */
  record: (trx: Db, row: NewPaymentFields) => Promise<number>
}

/** The columns every new payment row gets before Alipay hears of it. */
/** store_id is the scoped handle's to write (db/store-scope.ts). */
type NewPaymentFields = Omit<PaymentRow, 'store_id' | 'order_id' | 'check_id' | 'scope' | 'amount' | 'currency' | 'refunded_amount'>

/** A check payment to start: who pays how, and the plan, made in the creation transaction. */
export interface CheckTradeRequest {
  method: PaymentMethod
  tableId: string
  subject: string
  buyer: Buyer | null
  /** Decides the amount (or refuses) inside the transaction that writes the row, so two diners cannot both take the same due. */
  plan: (trx: Db) => Promise<CheckPaymentPlan>
}

/** What else a caller of applyTradeState knows. */
export interface TradeStateContext {
  /** The event that brought the state (a notification), written in the transition's transaction. */
  cause?: PaymentEventInput
  /** The payment's status as the caller read it just before, to skip a transaction that cannot move it. */
  seenStatus?: PaymentStatus
}

/** A precreate whose answer is unknown is retried this many times, each with a new out_trade_no. */
export const PRECREATE_ATTEMPTS = 3

/** Evidence that a trade was paid, from a verified notification or a query. */
export interface PaidEvidence {
  tradeNo: string | null
  buyerId: string | null
  amount: number | null
  /** Alipay's `gmt_payment` / `send_pay_date` as sent: Beijing time, `yyyy-MM-dd HH:mm:ss`. */
  paidAt: string | null
}

export class PaymentService {
  private readonly now: () => number
  /** One settling step at a time per payment: the reconciler and a diner's cancel never interleave. */
  private readonly locks: Map<string, Promise<unknown>>

  private readonly pollMs: number

  constructor (private readonly deps: PaymentServiceDeps) {
    this.now = deps.now ?? Date.now
    this.pollMs = deps.pollWhileWaitingMs ?? POLL_WHILE_WAITING_MS
    this.locks = deps.locks ?? new Map()
  }

  private get db (): Db { return this.deps.db }
  private get commits (): Pick<CommitGroup, 'run'> { return this.deps.commits }

  private serial<T> (paymentId: string, step: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(paymentId) ?? Promise.resolve()
    const next = previous.then(step, step)
    const settled = next.catch(() => undefined)
    this.locks.set(paymentId, settled)
    void settled.then(() => { if (this.locks.get(paymentId) === settled) this.locks.delete(paymentId) })
    return next
  }

  /**
   * An open QR payment for the order (a row the caller has just read): the one already showing, or a
   * new Alipay trade (`created`).
   */
  async startQrPayment (order: OrderRow): Promise<{ payment: Payment, created: boolean }> {
    assertPayableTotal(order)
    if (order.status !== OrderStatusEnum.PLACED) throw new OrderNotPayableError(order.status)
    const open = await openPaymentsOfOrder(this.db, order.id)
    const showing = open.find(payment => payment.status === 'waiting' && payment.expires_at !== null && Date.parse(payment.expires_at) > this.now() + 5000)
    if (showing) return { payment: toPayment(showing), created: false }
    if (open.length > 0) {
      // An expired or half-made attempt is settled first, so two QR codes are never payable at once.
      for (const stale of open) await this.serial(stale.id, () => this.settle(stale.id, 'api', 'superseded'))
      // Settling may have found one paid, which moves the order on.
      const reloaded = await orderOrThrow(this.db, order.id)
      if (reloaded.status !== OrderStatusEnum.PLACED) throw new OrderNotPayableError(reloaded.status)
    }

    let last: PaymentRow | undefined
    for (let attempt = 1; attempt <= PRECREATE_ATTEMPTS; attempt++) {
      last = await this.precreateAttempt(order)
      if (last.status !== 'unknown') break
    }
    if (!last || last.status === 'unknown') throw new PaymentGatewayUnavailableError()
    return { payment: toPayment(last), created: true }
  }

  private async precreateAttempt (order: OrderRow): Promise<PaymentRow> {
    return this.openTrade({
      method: 'alipay_qr',
      subject: subjectFor(this.deps.storeName, order.number),
      tableId: order.table_id,
      buyer: null,
      record: async (trx, row) => {
        await insertPayment(trx, { ...row, order_id: order.id, amount: order.total, currency: order.currency })
        await appendPaymentEvent(trx, row.id, 'api', 'created', { amount: order.total, orderId: order.id })
        return order.total
      },
    })
  }

  /**
   * A payment against a table's check: one attempt (an unknown answer leaves the amount held until the
   * reconciler settles it, so it is not retried here with a new out_trade_no as an order's QR is).
   */
  async startCheckPayment (request: CheckTradeRequest): Promise<Payment> {
    const row = await this.openTrade({
      method: request.method,
      subject: request.subject,
      tableId: request.tableId,
      buyer: request.buyer,
      record: async (trx, fields) => {
        const plan = await request.plan(trx)
        await insertPayment(trx, { ...fields, order_id: null, check_id: plan.checkId, scope: plan.scope, amount: plan.amount, currency: plan.currency })
        await recordPlan(trx, fields.id, plan, fields.created_at)
        await appendPaymentEvent(trx, fields.id, 'api', 'created', { amount: plan.amount, checkId: plan.checkId, scope: plan.scope, covers: plan.covers })
        return plan.amount
      },
    })
    if (row.status === 'unknown') throw new PaymentGatewayUnavailableError()
    return toPayment(row)
  }

  private async openTrade (spec: TradeSpec): Promise<PaymentRow> {
    const id = newId('pay')
    // Held for the whole attempt: the reconciler must not settle a trade whose creation is still in flight. The
    // in-process lock keeps this process's reconciler off it; the row's lease, written with it, keeps every other
    // process's off it (however long Alipay takes to answer), and is given back once creation ended.
    try {
      return await this.serial(id, () => this.openTradeLocked(id, spec))
    } finally {
      if (this.deps.lease) {
        await releasePaymentLease(this.db, id, this.deps.lease.owner)
          .catch((error: unknown) => { this.deps.log.warn({ err: error, paymentId: id }, 'giving a new payment\'s lease back failed; it runs out by itself') })
      }
    }
  }

  private async openTradeLocked (id: string, spec: TradeSpec): Promise<PaymentRow> {
    const now = this.now()
    const createdAt = new Date(now).toISOString()
    // The row and its out_trade_no exist before Alipay hears of them, so a crash can always be reconciled.
    const amount = await this.commits.run(trx => spec.record(trx, {
      id,
      method: spec.method,
      status: 'creating',
      qr_code: null,
      trade_no: null,
      buyer_id: spec.buyer?.buyerId ?? null,
      buyer_open_id: spec.buyer?.buyerOpenId ?? null,
      expires_at: isoAfter(now, this.deps.qrTimeoutS * 1000),
      qr_deadline_at: isoAfter(now, this.deps.qrTimeoutS * 1000),
      failure_code: null,
      paid_at: null,
      next_check_at: isoAfter(now, this.pollMs),
      unknown_since: null,
      created_at: createdAt,
      updated_at: createdAt,
      ...heldLeaseColumns(this.deps.lease, now),
    }))
    const trade = {
      outTradeNo: id,
      totalAmount: amount,
      subject: spec.subject,
      timeoutMinutes: Math.max(MIN_ALIPAY_TIMEOUT_MINUTES, Math.ceil(this.deps.qrTimeoutS / 60) + 1),
    }
    const result: GatewayResult<{ qrCode?: string, tradeNo?: string }> = spec.buyer
      ? await this.deps.gateway.create({ ...trade, ...spec.buyer })
      : await this.deps.gateway.precreate(trade)
    const kinds = spec.buyer
      ? { success: 'trade-created', failure: 'create-failed', unknown: 'create-unknown' }
      : { success: 'precreated', failure: 'precreate-failed', unknown: 'precreate-unknown' }
    let event: PaymentEventInput
    let patch: PaymentPatch
    if (result.outcome === 'success') {
      event = { source: 'gateway', kind: kinds.success, detail: spec.buyer ? { tradeNo: result.data.tradeNo } : { qrCode: result.data.qrCode } }
      patch = spec.buyer ? { status: 'waiting', trade_no: result.data.tradeNo ?? null } : { status: 'waiting', qr_code: result.data.qrCode ?? null }
    } else if (result.outcome === 'failure') {
      event = { source: 'gateway', kind: kinds.failure, detail: { code: result.code, subCode: result.subCode, subMsg: result.subMsg } }
      patch = { status: 'failed', failure_code: result.subCode ?? result.code, next_check_at: null }
      this.deps.log.warn({ paymentId: id, code: result.code, subCode: result.subCode }, `${spec.buyer ? 'create' : 'precreate'} refused`)
    } else {
      // Unknown: the trade may exist. It is abandoned (deadline now) so the reconciler queries and
      // cancels it, and the next attempt gets a new out_trade_no (docs/alipay.md, "Unknown outcomes and retries").
      event = { source: 'gateway', kind: kinds.unknown, detail: { reason: result.reason, detail: result.detail, subCode: result.subCode } }
      patch = {
        status: 'unknown', unknown_since: new Date(this.now()).toISOString(), expires_at: new Date(this.now()).toISOString(),
        next_check_at: isoAfter(this.now(), this.pollMs),
      }
      this.deps.log.warn({ paymentId: id, reason: result.reason }, 'trade creation outcome unknown; retrying with a new out_trade_no')
    }
    // Alipay's answer and the state it moves the payment to commit together (one commit, shared with other payments').
    const row = await this.commits.run(async (trx) => {
      await appendPaymentEvents(trx, id, [event])
      return updatePaymentReturning(trx, id, ['creating'], patch)
    })
    if (!row) {
      // Not `creating` any more although we hold its lock: read back what it is rather than guess.
      await this.publish(id)
      return (await getPayment(this.db, id))!
    }
    this.publishRow(row, spec.tableId)
    return row
  }

  /** The order was paid at the counter or cancelled: no QR of it may stay payable. */
  async abandonOpenPayments (orderId: string): Promise<void> {
    for (const { id } of await openPaymentsOfOrder(this.db, orderId)) await this.cancelByDiner(id)
  }

  /** The diner gave up: settle now (a payment that went through still counts). */
  async cancelByDiner (paymentId: string): Promise<Payment> {
    await this.serial(paymentId, () => this.cancelNow(paymentId))
    return toPayment((await getPayment(this.db, paymentId))!)
  }

  private async cancelNow (paymentId: string): Promise<void> {
    const payment = await getPayment(this.db, paymentId)
    if (payment && OPEN_PAYMENT_STATUSES.includes(payment.status as PaymentStatus)) {
      await appendPaymentEvent(this.db, paymentId, 'api', 'cancel-requested')
      await updatePaymentIf(this.db, paymentId, OPEN_PAYMENT_STATUSES, { expires_at: new Date(this.now()).toISOString() })
      await this.settle(paymentId, 'api', 'diner-cancelled')
    }
  }

  /**
   * One reconciler step for an open payment: query while the diner waits; at the deadline query
   * once more and cancel (docs/alipay.md, "QR lifetime and polling"); unknown outcomes back off for up to 24 h.
   */
  async check (paymentId: string, source: EventSource = 'reconciler'): Promise<void> {
    await this.serial(paymentId, () => this.checkNow(paymentId, source))
  }

  private async checkNow (paymentId: string, source: EventSource): Promise<void> {
    const payment = await getPayment(this.db, paymentId)
    if (!payment || !OPEN_PAYMENT_STATUSES.includes(payment.status as PaymentStatus)) return
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
    await this.commits.run(trx => updatePaymentIf(trx, paymentId, ['waiting'], { next_check_at: isoAfter(this.now(), this.pollMs) }))
  }

  /** Staff asked to look again: open payments take a normal step; closed ones are queried for a late success. */
  async recheck (paymentId: string): Promise<void> {
    await this.serial(paymentId, async () => {
      const payment = await getPayment(this.db, paymentId)
      if (!payment) return
      await appendPaymentEvent(this.db, paymentId, 'staff', 'recheck-requested', { status: payment.status })
      if (OPEN_PAYMENT_STATUSES.includes(payment.status as PaymentStatus)) {
        if (payment.next_check_at === null) {
          // Given up after 24 h: a fresh day of attempts starts now.
          await updatePaymentIf(this.db, paymentId, OPEN_PAYMENT_STATUSES, { unknown_since: new Date(this.now()).toISOString() })
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
    if (cancel.outcome === 'failure' && !isTradeNotFound(cancel)) {
      await appendPaymentEvent(this.db, paymentId, source, 'cancel-failed', { code: cancel.code, subCode: cancel.subCode, subMsg: cancel.subMsg })
      await this.markUnknown(paymentId, source, 'cancel', cancel.subCode ?? cancel.code)
      return
    }
    const action = cancel.outcome === 'success' ? cancel.data.action : null
    await appendPaymentEvent(this.db, paymentId, source, 'cancelled', { why, action })
    if (action === 'refund') {
      // Paid between our last query and the cancel: Alipay returned the money. The status and the
      // alert commit together, so staff hear of it even if we die right after.
      const alert = await inTransaction(this.db, async (trx) => {
        const payment = await getPayment(trx, paymentId)
        if (!payment) return null
        const moved = await updatePaymentIf(trx, paymentId, OPEN_PAYMENT_STATUSES, { status: 'refunded', refunded_amount: payment.amount, next_check_at: null, unknown_since: null })
        if (!moved) return null
        return this.deps.alerts.record(trx, { kind: AlertKindEnum.PAYMENT_LATE_SUCCESS, paymentId, orderId: payment.order_id, detail: { refundedByCancel: true } })
      })
      crashPoint('after-refunded-by-cancel-commit')
      if (alert) this.deps.alerts.announce(alert)
    } else {
      // Our cancel closed the trade, so Alipay's TRADE_CLOSED notification of it may land first and mark the
      // payment `closed`: it is ours, cancelled, whichever arrived first (both mean nothing was charged).
      await updatePaymentIf(this.db, paymentId, [...OPEN_PAYMENT_STATUSES, 'closed'], { status: 'cancelled', next_check_at: null, unknown_since: null, failure_code: why === 'deadline' ? PaymentFailureCodeEnum.EXPIRED : null })
    }
    await this.publish(paymentId)
  }

  private async markUnknown (paymentId: string, source: EventSource, step: string, reason: string): Promise<void> {
    const payment = await getPayment(this.db, paymentId)
    if (!payment || !OPEN_PAYMENT_STATUSES.includes(payment.status as PaymentStatus)) return
    const now = this.now()
    const since = payment.unknown_since ? Date.parse(payment.unknown_since) : now
    await appendPaymentEvent(this.db, paymentId, source, 'unknown', { step, reason })
    if (now - since >= GIVE_UP_AFTER_MS) {
      // Giving up and telling staff commit together: a payment never stops being asked about silently.
      const alert = await inTransaction(this.db, async (trx) => {
        if (!(await updatePaymentIf(trx, paymentId, OPEN_PAYMENT_STATUSES, { status: 'unknown', next_check_at: null }))) return null
        return this.deps.alerts.record(trx, { kind: AlertKindEnum.PAYMENT_UNRESOLVED, paymentId, orderId: payment.order_id, detail: { step, reason } })
      })
      if (alert) this.deps.alerts.announce(alert)
      await this.publish(paymentId)
      return
    }
    const pastDeadline = payment.expires_at !== null && Date.parse(payment.expires_at) <= now
    // The first unknown past the deadline is told to staff; it commits with the status, as a crash
    // in between would leave an unknown payment that never raises (the check below skips 'unknown').
    const tell = pastDeadline && payment.status !== 'unknown' && !(await this.deps.alerts.isOpen(AlertKindEnum.PAYMENT_UNKNOWN, paymentId))
    const alert = await inTransaction(this.db, async (trx) => {
      const moved = await updatePaymentIf(trx, paymentId, OPEN_PAYMENT_STATUSES, {
        status: 'unknown',
        unknown_since: new Date(since).toISOString(),
        next_check_at: isoAfter(now, retryDelayMs(now - since)),
      })
      return moved && tell ? this.deps.alerts.record(trx, { kind: AlertKindEnum.PAYMENT_UNKNOWN, paymentId, orderId: payment.order_id, detail: { step, reason } }) : null
    })
    if (alert) this.deps.alerts.announce(alert)
    if (payment.status !== 'unknown') await this.publish(paymentId)
  }

  /**
   * Applies a trade state learned from a verified notification or a query. `context.cause` (the
   * notification itself) commits in the transition's transaction, or alone when nothing moves.
   */
  async applyTradeState (paymentId: string, tradeStatus: TradeStatus, evidence: PaidEvidence, source: EventSource, context: TradeStateContext = {}): Promise<void> {
    const causes = context.cause ? [context.cause] : []
    if (isPaidStatus(tradeStatus)) {
      if (context.seenStatus !== undefined && !PAYABLE_FROM_STATUSES.includes(context.seenStatus)) {
        // Paid, or refunded since: a success changes nothing, and these states never become payable
        // again, so only the cause is written (a replayed notification).
        if (causes.length > 0) await this.commits.run(trx => appendPaymentEvents(trx, paymentId, causes))
        return
      }
      await this.markPaid(paymentId, evidence, source, context.cause)
      return
    }
    if (tradeStatus === 'TRADE_CLOSED') {
      const closed = await this.commits.run(async (trx) => {
        const row = await updatePaymentReturning(trx, paymentId, OPEN_PAYMENT_STATUSES, { status: 'closed', next_check_at: null, unknown_since: null, failure_code: PaymentFailureCodeEnum.TRADE_CLOSED })
        await appendPaymentEvents(trx, paymentId, row ? [...causes, { source, kind: 'closed' }] : causes)
        return row
      })
      if (closed) await this.publish(paymentId)
      return
    }
    if (causes.length > 0) await this.commits.run(trx => appendPaymentEvents(trx, paymentId, causes))
  }

  /**
   * Marks a payment paid, once. A single order's payment: the order becomes paid unless another payment
   * already paid it or staff cancelled the order meanwhile, and then this one is refunded automatically. A
   * check's payment settles what its orders owe; whatever the check did not owe any more (another diner
   * paid first, staff closed the check) is refunded automatically. The refund row and the alert commit in
   * the same transaction as the payment, so a crash right after the commit loses neither (the reconciler
   * sends the refund after a restart).
   */
  async markPaid (paymentId: string, evidence: PaidEvidence, source: EventSource, cause?: PaymentEventInput): Promise<void> {
    const causes = cause ? [cause] : []
    // Through the shared group: notifications arriving together commit once. The crash point and all
    // that follows (alert, publish, refund) still run only after the commit that holds this change.
    const outcome = await this.commits.run(async (trx) => {
      const found = await getPaymentToSettle(trx, paymentId)
      if (!found || !PAYABLE_FROM_STATUSES.includes(found.payment.status as PaymentStatus)) {
        if (found) await appendPaymentEvents(trx, paymentId, causes)
        return null
      }
      const { payment, tableId, orderStatus, orderCheckId, otherPaidId: otherPaid } = found
      const base = { payment, tableId, refundId: null, row: undefined, movedOrders: [] as string[], checkId: payment.check_id ?? orderCheckId }
      if (evidence.amount !== null && evidence.amount !== payment.amount) {
        // Alipay reports a different amount for our out_trade_no: never count it as paid; a person decides.
        await appendPaymentEvents(trx, paymentId, [...causes, { source, kind: 'amount-mismatch', detail: { ...evidence, expected: payment.amount } }])
        await updatePaymentIf(trx, paymentId, OPEN_PAYMENT_STATUSES, { status: 'unknown', next_check_at: null, failure_code: PaymentFailureCodeEnum.AMOUNT_MISMATCH })
        const alert = await this.deps.alerts.isOpen(AlertKindEnum.AMOUNT_MISMATCH, paymentId, trx)
          ? null
          : await this.deps.alerts.record(trx, { kind: AlertKindEnum.AMOUNT_MISMATCH, paymentId, orderId: payment.order_id, detail: { expected: payment.amount, reported: evidence.amount, source } })
        return { ...base, kind: 'amount-mismatch' as const, alert }
      }
      // A check's payment is applied to what the check owed before it is marked paid (it must not count itself).
      const applied = payment.check_id !== null ? await applyCheckPayment(trx, payment) : null
      const paidAt = paidInstant(evidence, this.now())
      const at = new Date(this.now()).toISOString()
      await appendPaymentEvents(trx, paymentId, [...causes, { source, kind: 'paid', detail: { ...evidence, previousStatus: payment.status } }])
      // Read in this transaction above, so the compare-and-set holds; the row comes back for publishing.
      const row = await updatePaymentReturning(trx, paymentId, PAYABLE_FROM_STATUSES, {
        status: 'paid',
        trade_no: evidence.tradeNo ?? payment.trade_no,
        buyer_id: evidence.buyerId ?? payment.buyer_id,
        paid_at: new Date(paidAt).toISOString(),
        next_check_at: null,
        unknown_since: null,
        failure_code: null,
      })
      const refundOwed = async (kind: 'double' | 'order-cancelled', alertInput: AlertInput, reason: string, amount?: number) => ({
        ...base,
        kind,
        alert: await this.deps.alerts.record(trx, alertInput),
        refundId: amount === undefined
          ? await this.deps.refunds.recordRemainder(trx, paymentId, reason)
          : await this.deps.refunds.record(trx, { paymentId, amount, reason, staffId: null, source: 'reconciler' }),
        // Recording the refund may touch the payment row again: it is read back after the commit.
        row: undefined,
        ...(payment.check_id !== null
          ? await settleCheck(trx, payment.check_id, at)
          : orderCheckId ? await settleAfterOrderPayment(trx, orderCheckId, payment.order_id!, at) : {}),
      })
      if (applied) {
        if (applied.excess > 0) {
          // Paid + pending never exceed the total when a payment is created; this is a race at Alipay
          // (two diners paying the same due) or a check staff closed meanwhile: the surplus goes back.
          return refundOwed('double', {
            kind: AlertKindEnum.DOUBLE_PAYMENT, paymentId, orderId: null, detail: { checkId: payment.check_id, amount: payment.amount, overpaid: applied.excess },
          }, 'Paid more than the check owed', applied.excess)
        }
        const settled = await settleCheck(trx, payment.check_id!, at)
        const alert = paidLate(payment, paidAt)
          ? await this.deps.alerts.record(trx, { kind: AlertKindEnum.PAYMENT_LATE_SUCCESS, paymentId, orderId: null, detail: { previousStatus: payment.status, amount: payment.amount, checkId: payment.check_id } })
          : null
        return { ...base, ...settled, kind: 'paid' as const, alert, row }
      }
      // Past `placed` with no paid trade (and not cancelled): staff took the money at the counter.
      if (otherPaid || (orderStatus !== OrderStatusEnum.PLACED && orderStatus !== OrderStatusEnum.CANCELLED)) {
        return refundOwed('double', {
          kind: AlertKindEnum.DOUBLE_PAYMENT, paymentId, orderId: payment.order_id, detail: { otherPaymentId: otherPaid, amount: payment.amount },
        }, 'Paid twice for the same order')
      }
      if (orderStatus === OrderStatusEnum.CANCELLED) {
        return refundOwed('order-cancelled', {
          kind: AlertKindEnum.PAID_AFTER_CANCEL, paymentId, orderId: payment.order_id, detail: { amount: payment.amount },
        }, 'Order was cancelled before payment arrived')
      }
      await updateOrderStatus(trx, payment.order_id!, OrderStatusEnum.PLACED, OrderStatusEnum.PAID, at, null)
      // Paid: to the kitchen, its tickets committed with the payment (printed once the commit is out).
      await queueTicketsOnPaid(trx, payment.order_id!, orderCheckId, at)
      // The order's check may owe nothing now (pay-first: it closes itself).
      const settled = orderCheckId ? await settleAfterOrderPayment(trx, orderCheckId, payment.order_id!, at) : {}
      const alert = paidLate(payment, paidAt)
        ? await this.deps.alerts.record(trx, { kind: AlertKindEnum.PAYMENT_LATE_SUCCESS, paymentId, orderId: payment.order_id, detail: { previousStatus: payment.status, amount: payment.amount } })
        : null
      return { ...base, ...settled, kind: 'paid' as const, alert, row }
    })
    if (!outcome) return
    const { payment, alert, refundId, row, tableId } = outcome
    if (outcome.kind === 'amount-mismatch') {
      this.deps.log.error({ paymentId, source, expected: payment.amount, reported: evidence.amount }, 'paid amount differs from the payment')
      if (alert) this.deps.alerts.announce(alert)
      await this.publish(paymentId)
      return
    }
    crashPoint(CRASH_AFTER_PAID[outcome.kind])
    this.deps.log.info({ paymentId, orderId: payment.order_id, checkId: outcome.checkId, source, kind: outcome.kind }, 'payment paid')
    if (alert) this.deps.alerts.announce(alert)
    if (row) this.publishRow(row, tableId)
    else await this.publish(paymentId)
    const changedOrders = new Set([...(payment.order_id ? [payment.order_id] : []), ...outcome.movedOrders])
    for (const orderId of changedOrders) await this.deps.orderChanged(orderId)
    if (outcome.checkId) this.deps.checkChanged?.(outcome.checkId, tableId)
    if (refundId) await this.deps.refunds.execute(refundId)
  }

  /** Sends payment.updated to the order's table and to staff. */
  async publish (paymentId: string): Promise<void> {
    const found = await getPaymentWithTable(this.db, paymentId)
    if (found) this.publishRow(found.payment, found.tableId)
  }

  /** publish, for a row just committed (an UPDATE ... RETURNING), without reading it again. */
  private publishRow (row: PaymentRow, tableId: string): void {
    const payment = toPayment(row)
    this.deps.events.toTablets({ kind: 'table', tableId }, TabletEventEnum.PAYMENT_UPDATED, payment)
    this.deps.events.toStaff(TabletEventEnum.PAYMENT_UPDATED, payment)
    // What a check's payment holds or has paid is part of the check every screen at the table shows.
    if (row.check_id !== null) this.deps.checkChanged?.(row.check_id, tableId)
  }
}

/** The order a payment is for; it exists (payments reference it), so a missing one is a bug. */
async function orderOrThrow (db: Db, orderId: string): Promise<OrderRow> {
  const order = await findOrderRow(db, orderId)
  if (!order) throw new Error(`order ${orderId} not found`)
  return order
}

/** The crash point right after markPaid's commit, by outcome. */
const CRASH_AFTER_PAID: Readonly<Record<'paid' | 'double' | 'order-cancelled', CrashPoint>> = {
  paid: 'after-paid-commit',
  double: 'after-double-payment-commit',
  'order-cancelled': 'after-paid-after-cancel-commit',
}

/** When the diner paid (epoch ms): Alipay's own payment time, else now (when we learned of it). */
function paidInstant (evidence: PaidEvidence, now: number): number {
  const reported = evidence.paidAt === null ? null : parseAlipayTimestamp(evidence.paidAt)
  return reported?.getTime() ?? now
}

/**
 * Paid after the QR's own deadline. Not judged against expires_at, which a diner's cancel moves to
 * the moment they tapped Cancel: a diner who paid and then cancelled paid in time.
 */
function paidLate (payment: PaymentRow, paidAt: number): boolean {
  const deadline = payment.qr_deadline_at ?? payment.expires_at
  return deadline !== null && paidAt > Date.parse(deadline)
}

export function evidenceFromQuery (data: QueryResult): PaidEvidence {
  return { tradeNo: data.tradeNo, buyerId: data.buyerId ?? data.buyerOpenId ?? null, amount: data.totalAmount, paidAt: data.paidAt ?? null }
}

/** Alipay's subject: the store and order number, without the characters Alipay's precreate warns about. */
export function subjectFor (storeName: string, orderNumber: number): string {
  return `${storeName} #${orderNumber}`.replace(/[/=&]/g, ' ').slice(0, 256)
}
