// Reconciles one Alipay bill day: download → parse → match → store → alerts. The comparison, the stored result
// and the alerts commit in one transaction; an alert is announced only after that commit.
import { inTransaction } from '../db/transaction.js'
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.js'
import { BILL_NOT_EXIST_SUB_CODE, type AlipayGateway } from '../alipay/gateway.js'
import type { Alerts } from '../payments/alerts.js'
import type { Alert } from '#shared/schemas/alert.js'
import { AlertKindEnum } from '#shared/schemas/alert.js'
import {
  ReconciliationStatusEnum, type Reconciliation, type ReconciliationMismatch, type ReconciliationStatus,
} from '#shared/schemas/reports.js'
import {
  alertedMismatchKeys, getBillReconciliation, rememberMismatchAlert, saveBillReconciliation,
} from '../repositories/bill-reconciliations.js'
import { downloadBill, type BillDownloadOptions } from './bill-download.js'
import type { BillLine } from './bill-parse.js'
import { BillError, BillFailureEnum } from './errors.js'
import { matchDay, mismatchKey } from './match.js'
import { loadOurDay } from './our-day.js'

/** Why a day has nothing to compare (the `reason` of a no_bill or unavailable result). */
export const NO_BILL_REASON = 'bill_not_exist'
export const UNSUPPORTED_GATEWAY_REASON = 'unsupported_gateway'

/**
 * The bill's parser with its unzip, CSV and GBK libraries, loaded on the first bill rather than at start: a
 * server that never reconciles keeps its idle memory (issue 11, idle RSS < 100 MiB). Node caches the module.
 */
const loadBillParse = async () => import('./bill-parse.js')

const COMPARED: ReadonlySet<string> = new Set([ReconciliationStatusEnum.MATCHED, ReconciliationStatusEnum.MISMATCHED])
const NO_COUNTS: Reconciliation['counts'] = { matched: 0, onlyAtAlipay: 0, onlyHere: 0, amountDiffers: 0, refundDiffers: 0 }

export interface BillReconciliationDeps {
  db: Db
  gateway: AlipayGateway
  alerts: Alerts
  log: FastifyBaseLogger
  /**
   * Which of the bill's out_trade_nos are not this store's lines: stores sharing one Alipay account share its bill,
   * other stores' payments are theirs to reconcile, and a line of no store's payment is reported by one of them
   * only. Absent: every line is this store's.
   */
  othersTradeNos?: (outTradeNos: readonly string[]) => Promise<readonly string[]>
  download?: BillDownloadOptions
  now?: () => Date
}

export class BillReconciliationService {
  /** One run per day at a time: the nightly run and a manager's button share it. */
  readonly #running = new Map<string, Promise<Reconciliation>>()

  constructor (private readonly deps: BillReconciliationDeps) {}

  /** The day's latest result, or `not_run`. */
  async get (date: string): Promise<Reconciliation> {
    const row = await getBillReconciliation(this.deps.db, date)
    if (row === undefined) return { date, status: ReconciliationStatusEnum.NOT_RUN, checkedAt: null, counts: NO_COUNTS, mismatches: [], reason: null }
    return {
      date,
      status: row.status as ReconciliationStatus,
      checkedAt: row.checked_at,
      counts: JSON.parse(row.counts) as Reconciliation['counts'],
      mismatches: JSON.parse(row.mismatches) as ReconciliationMismatch[],
      reason: row.reason,
    }
  }

  /** Runs the day now (or joins the run already under way); never rejects for anything Alipay or the bill does. */
  run (date: string): Promise<Reconciliation> {
    const running = this.#running.get(date)
    if (running !== undefined) return running
    const run = this.#run(date).finally(() => this.#running.delete(date))
    this.#running.set(date, run)
    return run
  }

  async #run (date: string): Promise<Reconciliation> {
    const fetched = await this.#fetchBill(date)
    if (!Array.isArray(fetched)) return this.#record(date, fetched.status, fetched.reason)
    const lines = await this.#ownLines(fetched)
    const { reconciliation: result, announced } = await inTransaction(this.deps.db, async (trx) => {
      // Made afresh by each attempt: on PostgreSQL a transaction that lost a race runs again.
      const announced: Alert[] = []
      const match = matchDay(lines, await loadOurDay(trx, date, lines))
      const status = match.mismatches.length === 0 ? ReconciliationStatusEnum.MATCHED : ReconciliationStatusEnum.MISMATCHED
      const reconciliation = await this.#save(trx, { date, status, checkedAt: this.#now(), counts: match.counts, mismatches: match.mismatches, reason: null })
      const alerted = await alertedMismatchKeys(trx, date)
      for (const mismatch of match.mismatches) {
        const key = mismatchKey(mismatch)
        if (alerted.has(key)) continue
        const alert = await this.deps.alerts.record(trx, {
          kind: AlertKindEnum.RECONCILIATION_MISMATCH,
          paymentId: mismatch.paymentId,
          // Raw facts only: the console words it.
          detail: { date, kind: mismatch.kind, outTradeNo: mismatch.outTradeNo, outRequestNo: mismatch.outRequestNo, here: mismatch.here, alipay: mismatch.alipay },
        })
        await rememberMismatchAlert(trx, date, key, alert.id, alert.createdAt)
        announced.push(alert)
      }
      return { reconciliation, announced }
    })
    for (const alert of announced) this.deps.alerts.announce(alert)
    this.deps.log.info({ date, status: result.status, counts: result.counts }, 'bill reconciled')
    return result
  }

  /** The bill's lines but those that are not this store's (a shared Alipay account's bill: othersTradeNos). */
  async #ownLines (lines: BillLine[]): Promise<BillLine[]> {
    if (this.deps.othersTradeNos === undefined || lines.length === 0) return lines
    const others = new Set(await this.deps.othersTradeNos([...new Set(lines.map(line => line.outTradeNo))]))
    return others.size === 0 ? lines : lines.filter(line => !others.has(line.outTradeNo))
  }

  /** The bill's lines, or why there are none to compare. */
  async #fetchBill (date: string): Promise<BillLine[] | { status: ReconciliationStatus, reason: string }> {
    const query = this.deps.gateway.tradeBillUrl
    if (query === undefined) return { status: ReconciliationStatusEnum.UNAVAILABLE, reason: UNSUPPORTED_GATEWAY_REASON }
    const answer = await query({ billDate: date })
    if (answer.outcome === 'failure') {
      if (answer.subCode === BILL_NOT_EXIST_SUB_CODE) return { status: ReconciliationStatusEnum.NO_BILL, reason: NO_BILL_REASON }
      this.deps.log.warn({ date, code: answer.code, subCode: answer.subCode, subMsg: answer.subMsg }, 'bill query refused')
      return { status: ReconciliationStatusEnum.FAILED, reason: BillFailureEnum.GATEWAY_REFUSED }
    }
    if (answer.outcome === 'unknown') {
      this.deps.log.warn({ date, reason: answer.reason, detail: answer.detail }, 'bill query unanswered')
      return { status: ReconciliationStatusEnum.FAILED, reason: BillFailureEnum.GATEWAY_UNKNOWN }
    }
    try {
      const bytes = await downloadBill(answer.data.downloadUrl, this.deps.download)
      const { parseTradeBill } = await loadBillParse()
      return parseTradeBill(bytes)
    } catch (error) {
      if (!(error instanceof BillError)) throw error
      this.deps.log.warn({ date, reason: error.reason, err: error.message }, 'bill unreadable')
      return { status: ReconciliationStatusEnum.FAILED, reason: error.reason }
    }
  }

  /**
   * A result without a comparison (no bill, unavailable, failed). It is stored unless the day was already
   * compared: a retry that could not fetch the bill must not wipe the differences staff are working through.
   */
  async #record (date: string, status: ReconciliationStatus, reason: string): Promise<Reconciliation> {
    this.deps.log.info({ date, status, reason }, 'bill not reconciled')
    const result: Reconciliation = { date, status, checkedAt: this.#now(), counts: NO_COUNTS, mismatches: [], reason }
    const previous = await getBillReconciliation(this.deps.db, date)
    if (previous !== undefined && COMPARED.has(previous.status)) return result
    return this.#save(this.deps.db, result)
  }

  async #save (db: Db, reconciliation: Reconciliation): Promise<Reconciliation> {
    await saveBillReconciliation(db, {
      date: reconciliation.date,
      status: reconciliation.status,
      checked_at: reconciliation.checkedAt!,
      reason: reconciliation.reason,
      counts: JSON.stringify(reconciliation.counts),
      mismatches: JSON.stringify(reconciliation.mismatches),
    })
    return reconciliation
  }

  #now (): string {
    return (this.deps.now?.() ?? new Date()).toISOString()
  }
}
