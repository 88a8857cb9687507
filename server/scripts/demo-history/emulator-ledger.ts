// The built-in Alipay emulator's side of the history: the trades and refunds the generated payments made in the
// last days (a year's would be a ~70 MB state file the emulator holds in memory and parses at every start), in
// the emulator's own Trade shape, saved through its own persistence (server/sandbox/state-file.ts) so that its
// bill for such a day lists exactly what Tablepad recorded, and reconciliation of that day matches. Earlier
// days have no bill at the emulator.
import { loadState, saveState } from '../../sandbox/state-file.js'
import type { Trade } from '../../sandbox/trades.js'
import type { DayRecords, PaymentRecord, RefundRecord } from './records.js'

export interface LedgerIdentity {
  sellerId: string
  /** Where the server's notify URL would have been; kept on the trade as the emulator keeps it. */
  notifyUrl: string
  currency: string
  /** The start of the first bill day kept (history-day.ts keeps refunds from crossing it). */
  fromMs: number
}

/** Face-to-face trades close after 3 hours unless told otherwise (as the emulator's open-trade does). */
const TRADE_TIMEOUT_MS = 3 * 3_600_000

export class EmulatorLedger {
  readonly #identity: LedgerIdentity
  readonly #trades: Trade[] = []

  constructor (identity: LedgerIdentity) {
    this.#identity = identity
  }

  get size (): number {
    return this.#trades.length
  }

  /** The trades of one generated day's payments paid (or, unpaid, made) from `fromMs` on, with their refunds. */
  addDay (records: DayRecords): void {
    const kept = records.payments.filter(payment => Date.parse(payment.paid_at ?? payment.created_at) >= this.#identity.fromMs)
    if (kept.length === 0) return
    const refunds = new Map<string, RefundRecord[]>()
    for (const refund of records.refunds) refunds.set(refund.payment_id, [...refunds.get(refund.payment_id) ?? [], refund])
    for (const payment of kept) this.#trades.push(this.#trade(payment, refunds.get(payment.id) ?? []))
  }

  #trade (payment: PaymentRecord, refunds: readonly RefundRecord[]): Trade {
    const { sellerId, notifyUrl, currency } = this.#identity
    const createdAt = Date.parse(payment.created_at)
    const precreate = payment.method === 'alipay_qr'
    const trade: Trade = {
      outTradeNo: payment.id,
      kind: precreate ? 'precreate' : 'create',
      protocol: 'openapi',
      state: 'TRADE_SUCCESS',
      amount: payment.amount,
      subject: payment.subject,
      sellerId,
      fingerprint: JSON.stringify([payment.amount, payment.subject, sellerId, 'FACE_TO_FACE_PAYMENT']),
      notifyUrl,
      charset: 'utf-8',
      encoding: 'utf-8',
      signType: 'RSA2',
      createdAt,
      deadline: createdAt + TRADE_TIMEOUT_MS,
      refunds: refunds.map(refund => ({ outRequestNo: refund.id, amount: refund.amount, reason: refund.reason, at: Date.parse(refund.succeeded_at) })),
    }
    // Absent means CNY, the Open Platform's only currency; a demo in another currency keeps its own.
    if (currency !== 'CNY') trade.currency = currency
    if (precreate) {
      trade.qrToken = payment.qr_token!
      trade.qrDeadline = Date.parse(payment.qr_deadline_at)
    }
    if (payment.paid_at === null) {
      // The QR was never scanned; the reconciler's cancel at its deadline locked the out_trade_no.
      trade.state = 'LOCKED'
      trade.closedAt = Date.parse(payment.updated_at)
      return trade
    }
    const paidAt = Date.parse(payment.paid_at)
    trade.tradeNo = payment.trade_no!
    trade.buyerId = payment.buyer_id!
    trade.gmtCreate = precreate ? paidAt - 15_000 : createdAt
    trade.paidAt = paidAt
    if (payment.refunded_amount >= payment.amount) {
      trade.state = 'TRADE_CLOSED'
      trade.closedAt = trade.refunds.at(-1)!.at
      trade.closedBy = 'refund'
    }
    return trade
  }

  /**
   * Adds the trades to the emulator's state file (what it already holds is kept), written whole with the
   * emulator's own saveState: temporary file, fsync, rename.
   */
  save (stateFile: string): void {
    const state = loadState(stateFile) ?? { trades: [], locked: [], openIds: [] }
    const known = new Set(state.trades.map(trade => trade.outTradeNo))
    const fresh = this.#trades.filter(trade => !known.has(trade.outTradeNo))
    saveState(stateFile, { ...state, trades: [...state.trades, ...fresh] })
  }
}
