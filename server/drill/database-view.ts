// The server's SQLite file, opened read-only beside the running server (WAL lets both work at once).
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { DATABASE_FILE } from '../src/db/database.js'

export const OPEN_PAYMENT_STATUSES = ['creating', 'waiting', 'unknown'] as const
export const OPEN_REFUND_STATUSES = ['pending', 'unknown'] as const

export interface OrderRow { id: string, client_order_id: string, device_id: string | null, status: string, total: number }
export interface PaymentRow { id: string, order_id: string, status: string, amount: number, refunded_amount: number }
export interface RefundRow { id: string, payment_id: string, amount: number, status: string }

export interface DatabaseContents {
  orders: OrderRow[]
  payments: PaymentRow[]
  refunds: RefundRow[]
}

export class DatabaseView {
  private readonly db: SQLite.Database

  constructor (dataDir: string) {
    this.db = new SQLite(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true })
  }

  /** Payments and refunds whose outcome the server has not settled yet. */
  openCounts (): { payments: number, refunds: number } {
    const count = (sql: string, statuses: readonly string[]): number =>
      (this.db.prepare(sql).get(...statuses) as { n: number }).n
    return {
      payments: count(`SELECT COUNT(*) AS n FROM payments WHERE status IN (${OPEN_PAYMENT_STATUSES.map(() => '?').join(',')})`, OPEN_PAYMENT_STATUSES),
      refunds: count(`SELECT COUNT(*) AS n FROM refunds WHERE status IN (${OPEN_REFUND_STATUSES.map(() => '?').join(',')})`, OPEN_REFUND_STATUSES),
    }
  }

  /** Everything the comparison needs, read in one transaction so it is one consistent moment. */
  contents (): DatabaseContents {
    return this.db.transaction(() => ({
      orders: this.db.prepare('SELECT id, client_order_id, device_id, status, total FROM orders').all() as OrderRow[],
      payments: this.db.prepare('SELECT id, order_id, status, amount, refunded_amount FROM payments').all() as PaymentRow[],
      refunds: this.db.prepare('SELECT id, payment_id, amount, status FROM refunds').all() as RefundRow[],
    }))()
  }

  close (): void {
    this.db.close()
  }
}
