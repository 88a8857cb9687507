// One store's world (issue 16 phase B): its settings, its database handle and commits confined to it, its events,
// its Alipay, and the services and background work built for it (stores/registry.ts builds and caches these).
import type { Db } from '../db/database.js'
import { databaseKind } from '../db/dialect.js'
import type { CommitGroup } from '../db/group-commit.js'
import { forStore } from '../db/store-scope.js'
import { inTransaction } from '../db/transaction.js'
import type { EventHub } from '../lib/event-hub.js'
import type { AlipaySetup } from '../payments/alipay-setup.js'
import type { Alerts } from '../payments/alerts.js'
import type { AlertSummaries } from '../payments/alert-summaries.js'
import type { PaymentService } from '../payments/payment-service.js'
import type { RefundService } from '../payments/refund-service.js'
import type { UnpaidOrderSweep } from '../payments/unpaid-order-sweep.js'
import type { PrintWorker } from '../printing/print-worker.js'
import type { BillReconciliationService } from '../reconciliation/service.js'
import type { StoreSettings } from './store-settings.js'

/** The database's commit group, each batch's transaction re-scoped to one store. */
export interface StoreCommits {
  run<T> (work: (trx: Db) => Promise<T>): Promise<T>
}

export interface StoreContext {
  id: string
  settings: StoreSettings
  /** forStore(root, id): every query confined to this store. */
  db: Db
  commits: StoreCommits
  /** Store-bound: publishing stamps this store; subscribers hear only its events. */
  events: EventHub
  /** This store's gateway: the environment's (shared) unless the store has an Alipay account of its own. */
  alipay: AlipaySetup
  alerts: Alerts
  summaries: AlertSummaries
  payments: PaymentService
  refunds: RefundService
  /** Null when UNPAID_ORDER_TTL_S=0. */
  unpaidOrderSweep: UnpaidOrderSweep | null
  printing: PrintWorker
  billReconciliation: BillReconciliationService
}

/**
 * The database's commit group for one store: on SQLite `work` joins the shared batch (writes of every store still
 * share one commit) and sees its transaction confined to the store; on PostgreSQL, where the group runs each write
 * in a transaction of its own anyway, that transaction is opened on the store's handle, so it takes the store's
 * writer lock rather than the whole database's (db/store-scope.ts).
 */
export function storeCommits (commits: CommitGroup, db: Db, storeId: string): StoreCommits {
  if (databaseKind(db) === 'postgres') {
    const scoped = forStore(db, storeId)
    return { run: work => inTransaction(scoped, work) }
  }
  return { run: work => commits.run(trx => work(forStore(trx, storeId))) }
}
