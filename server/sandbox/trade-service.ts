// Trade lifecycle as Alipay runs it: create, scan, pay, expire, close, cancel, refund, and the notifications they cause.
import { acq, type AcqFailure } from './codes.js'
import { newTradeNo } from './ids.js'
import { notificationFields, type TradeEvent } from './notifications.js'
import type { NotificationRequest, Notifier } from './notifier.js'
import type { Scheduler } from './scheduler.js'
import { isSignType } from './signing.js'
import { refundedFen, TradeStore, type Refund, type Trade } from './trades.js'

/** Cancel works for 24 hours after the trade was created (later: ACQ.TRADE_CANCEL_TIME_OUT). */
const CANCEL_WINDOW_MS = 24 * 3_600_000

export type NewTrade = Omit<Trade, 'state' | 'tradeNo' | 'createdAt' | 'gmtCreate' | 'refunds'>

export interface TradeRef {
  outTradeNo?: string
  tradeNo?: string
}

export type CancelResult =
  | AcqFailure
  | { ok: true, trade?: Trade, outTradeNo: string, action?: 'close' | 'refund', refund?: Refund }

export type RefundResult = AcqFailure | { ok: true, trade: Trade, refund: Refund, fundChange: boolean }

export interface TradeServiceOptions {
  appId: string
  now: () => number
  scheduler: Scheduler
  notifier: Notifier
  /** Called after any change, with what changed (synchronously; callers batch their saves). */
  onChange?: (change: TradeChange) => void
  /** The notification of a MAPI trade's event, if that event is notified (none are sent without this). */
  mapiNotification?: (trade: Trade, event: TradeEvent) => NotificationRequest | undefined
}

/** A trade that changed (as it now is), or an out_trade_no locked before Alipay ever saw it. */
export type TradeChange = { trade: Trade } | { locked: string }

/** What the emulator needs to remember across a restart. */
export interface TradeSnapshot {
  trades: Trade[]
  locked: string[]
}

export class TradeService {
  readonly store = new TradeStore()
  readonly #opts: TradeServiceOptions
  /** out_trade_nos cancelled before Alipay ever saw them: they can never be used for a payment. */
  readonly #locked = new Set<string>()
  readonly #expiryTimers = new Map<Trade, () => void>()

  constructor (opts: TradeServiceOptions) {
    this.#opts = opts
  }

  now (): number {
    return this.#opts.now()
  }

  /** Takes back the trades of an earlier run, with their deadlines armed again. */
  restore (snapshot: TradeSnapshot): void {
    for (const outTradeNo of snapshot.locked) this.#locked.add(outTradeNo)
    for (const trade of snapshot.trades) {
      this.store.add(trade)
      if (trade.state === 'QR_ONLY' || trade.state === 'WAIT_BUYER_PAY') this.#armExpiry(trade)
    }
  }

  snapshot (): TradeSnapshot {
    return { trades: this.store.all(), locked: [...this.#locked] }
  }

  /** The trade a request names (trade_no wins over out_trade_no), with any passed deadline applied. */
  find (ref: TradeRef): Trade | undefined {
    const trade = ref.tradeNo !== undefined
      ? this.store.byTradeNo(ref.tradeNo)
      : ref.outTradeNo !== undefined ? this.store.byOutTradeNo(ref.outTradeNo) : undefined
    if (trade !== undefined) this.refresh(trade)
    return trade
  }

  byToken (token: string): Trade | undefined {
    const trade = this.store.byToken(token)
    if (trade !== undefined) this.refresh(trade)
    return trade
  }

  /** precreate and create: the same request again gets the same trade; anything else is refused. */
  open (input: NewTrade): AcqFailure | { ok: true, trade: Trade } {
    if (this.#locked.has(input.outTradeNo)) return acq('ACQ.TRADE_HAS_CLOSE')
    const existing = this.find({ outTradeNo: input.outTradeNo })
    if (existing !== undefined) {
      if (existing.state === 'TRADE_SUCCESS' || existing.state === 'TRADE_FINISHED') return acq('ACQ.TRADE_HAS_SUCCESS')
      if (existing.state === 'TRADE_CLOSED' || existing.state === 'LOCKED') return acq('ACQ.TRADE_HAS_CLOSE')
      if (existing.kind === 'create' && input.kind === 'create' &&
        (existing.buyerId !== input.buyerId || existing.buyerOpenId !== input.buyerOpenId)) {
        return acq('ACQ.TRADE_BUYER_NOT_MATCH')
      }
      if (existing.kind !== input.kind || existing.fingerprint !== input.fingerprint) return acq('ACQ.CONTEXT_INCONSISTENT')
      return { ok: true, trade: existing }
    }
    const now = this.now()
    const trade: Trade = { ...input, state: input.kind === 'create' ? 'WAIT_BUYER_PAY' : 'QR_ONLY', createdAt: now, refunds: [] }
    if (input.kind === 'create') {
      trade.gmtCreate = now
      trade.tradeNo = newTradeNo(now)
    }
    this.store.add(trade)
    this.#armExpiry(trade)
    this.#changed(trade)
    return { ok: true, trade }
  }

  /** The buyer opened the QR: from now on Alipay has a trade, waiting for the buyer to pay. */
  scan (trade: Trade, buyerId: string): void {
    this.refresh(trade)
    if (trade.state !== 'QR_ONLY') return
    const now = this.now()
    trade.state = 'WAIT_BUYER_PAY'
    trade.gmtCreate = now
    trade.buyerId = buyerId
    this.store.assignTradeNo(trade, newTradeNo(now))
    this.#armExpiry(trade)
    this.#changed(trade)
  }

  /** Pays a scanned (or created) trade once; true when this call moved the money. */
  pay (trade: Trade, buyerId: string): boolean {
    this.refresh(trade)
    if (trade.state === 'QR_ONLY') this.scan(trade, buyerId)
    if (trade.state !== 'WAIT_BUYER_PAY') return false
    trade.state = 'TRADE_SUCCESS'
    trade.paidAt = this.now()
    trade.buyerId ??= buyerId
    this.#disarm(trade)
    this.#changed(trade)
    this.#notify(trade, { kind: 'paid' })
    return true
  }

  /** The refund window is over: the trade stays paid but can no longer be refunded. */
  finish (trade: Trade): boolean {
    if (trade.state !== 'TRADE_SUCCESS') return false
    trade.state = 'TRADE_FINISHED'
    this.#changed(trade)
    this.#notify(trade, { kind: 'finished' })
    return true
  }

  cancel (ref: TradeRef): CancelResult {
    const trade = this.find(ref)
    if (trade === undefined) {
      // Alipay cannot lock a trade_no it never issued, but it does lock an out_trade_no.
      if (ref.outTradeNo === undefined) return acq('ACQ.TRADE_NOT_EXIST')
      this.#locked.add(ref.outTradeNo)
      this.#opts.onChange?.({ locked: ref.outTradeNo })
      return { ok: true, outTradeNo: ref.outTradeNo }
    }
    if (this.now() - trade.createdAt > CANCEL_WINDOW_MS) return acq('ACQ.TRADE_CANCEL_TIME_OUT')
    switch (trade.state) {
      case 'QR_ONLY':
        this.#lock(trade)
        return { ok: true, outTradeNo: trade.outTradeNo }
      case 'LOCKED':
        return { ok: true, outTradeNo: trade.outTradeNo }
      case 'WAIT_BUYER_PAY':
        trade.cancelAction = 'close'
        this.#close(trade, 'cancel')
        return { ok: true, trade, outTradeNo: trade.outTradeNo, action: 'close' }
      case 'TRADE_SUCCESS': {
        const outRequestNo = trade.refunds.some(r => r.outRequestNo === trade.outTradeNo) ? `${trade.outTradeNo}_cancel` : trade.outTradeNo
        const refund = this.#applyRefund(trade, trade.amount - refundedFen(trade), outRequestNo, 'cancel')
        trade.cancelAction = 'refund'
        trade.closedBy = 'cancel'
        return { ok: true, trade, outTradeNo: trade.outTradeNo, action: 'refund', refund }
      }
      case 'TRADE_CLOSED':
        return { ok: true, trade, outTradeNo: trade.outTradeNo, action: trade.cancelAction ?? 'close' }
      case 'TRADE_FINISHED':
        return acq('ACQ.TRADE_HAS_FINISHED')
    }
  }

  close (ref: TradeRef): AcqFailure | { ok: true, trade: Trade } {
    const trade = this.find(ref)
    if (trade === undefined || trade.state === 'LOCKED') return acq('ACQ.TRADE_NOT_EXIST')
    if (trade.state === 'QR_ONLY') {
      // Not a trade yet, so the call fails; Alipay still remembers the number and the QR dies.
      this.#lock(trade)
      return acq('ACQ.TRADE_NOT_EXIST')
    }
    if (trade.state !== 'WAIT_BUYER_PAY') return acq('ACQ.TRADE_STATUS_ERROR')
    this.#close(trade, 'close')
    return { ok: true, trade }
  }

  refund (ref: TradeRef, amount: number, outRequestNo: string | undefined, reason: string | undefined): RefundResult {
    const trade = this.find(ref)
    if (trade === undefined || trade.state === 'QR_ONLY' || trade.state === 'LOCKED') return acq('ACQ.TRADE_NOT_EXIST')
    const key = outRequestNo ?? trade.outTradeNo
    const previous = trade.refunds.find(refund => refund.outRequestNo === key)
    if (previous !== undefined) {
      if (previous.amount !== amount) return acq('ACQ.REFUND_AMT_NOT_EQUAL_TOTAL')
      return { ok: true, trade, refund: previous, fundChange: false }
    }
    if (trade.state === 'TRADE_FINISHED') return acq('ACQ.TRADE_HAS_FINISHED')
    if (trade.state !== 'TRADE_SUCCESS') return acq('ACQ.TRADE_STATUS_ERROR')
    if (amount > trade.amount - refundedFen(trade)) return acq('ACQ.REASON_TRADE_REFUND_FEE_ERR')
    return { ok: true, trade, refund: this.#applyRefund(trade, amount, key, reason), fundChange: true }
  }

  /** Applies a passed deadline now, whether or not its timer has fired yet (the clock may be a test's). */
  refresh (trade: Trade): void {
    const now = this.now()
    if (trade.state === 'QR_ONLY' && (now >= trade.deadline || (trade.qrDeadline !== undefined && now >= trade.qrDeadline))) {
      this.#lock(trade)
    } else if (trade.state === 'WAIT_BUYER_PAY' && now >= trade.deadline) {
      this.#close(trade, 'timeout')
    }
  }

  stop (): void {
    for (const cancel of this.#expiryTimers.values()) cancel()
    this.#expiryTimers.clear()
  }

  #applyRefund (trade: Trade, amount: number, outRequestNo: string, reason: string | undefined): Refund {
    const refund: Refund = { outRequestNo, amount, at: this.now() }
    if (reason !== undefined) refund.reason = reason
    trade.refunds.push(refund)
    this.#changed(trade)
    if (refundedFen(trade) >= trade.amount) {
      trade.state = 'TRADE_CLOSED'
      trade.closedAt = refund.at
      trade.closedBy = 'refund'
    }
    this.#notify(trade, { kind: 'refund', refund })
    return refund
  }

  #lock (trade: Trade): void {
    trade.state = 'LOCKED'
    trade.closedAt = this.now()
    this.#disarm(trade)
    this.#changed(trade)
  }

  #close (trade: Trade, by: NonNullable<Trade['closedBy']>): void {
    trade.state = 'TRADE_CLOSED'
    trade.closedAt = this.now()
    trade.closedBy = by
    this.#disarm(trade)
    this.#changed(trade)
    this.#notify(trade, { kind: 'closed' })
  }

  #armExpiry (trade: Trade): void {
    this.#disarm(trade)
    const at = trade.state === 'QR_ONLY' && trade.qrDeadline !== undefined
      ? Math.min(trade.deadline, trade.qrDeadline)
      : trade.deadline
    const fire = (): void => {
      this.#expiryTimers.delete(trade)
      this.refresh(trade)
      // A test clock may lag the timer: look again shortly instead of closing early.
      if (trade.state === 'QR_ONLY' || trade.state === 'WAIT_BUYER_PAY') this.#armExpiry(trade)
    }
    this.#expiryTimers.set(trade, this.#opts.scheduler.after(Math.max(at - this.now(), 10), fire))
  }

  #disarm (trade: Trade): void {
    this.#expiryTimers.get(trade)?.()
    this.#expiryTimers.delete(trade)
  }

  #changed (trade: Trade): void {
    this.#opts.onChange?.({ trade })
  }

  #notify (trade: Trade, event: TradeEvent): void {
    if (trade.notifyUrl === undefined) return
    if (trade.protocol === 'mapi') {
      const request = this.#opts.mapiNotification?.(trade, event)
      if (request !== undefined) this.#opts.notifier.send(request)
      return
    }
    this.#opts.notifier.send({
      url: trade.notifyUrl,
      fields: notificationFields(trade, event, this.#opts.appId),
      charset: trade.charset,
      encoding: trade.encoding,
      // Open Platform trades are only ever RSA or RSA2.
      signType: isSignType(trade.signType) ? trade.signType : 'RSA2',
    })
  }
}
