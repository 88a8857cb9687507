// Writes generated days with prepared statements on the raw better-sqlite3 handle, many days per transaction:
// a year is about a million rows, which Kysely's per-query compile would make minutes instead of seconds.
// The columns are the tables' own; the schema itself always comes from the server's migrations.
import type SQLite from 'better-sqlite3'
import type { DayRecords, DinerRecord } from './records.js'

type Row = Record<string, unknown>

function insert (sqlite: SQLite.Database, table: string, columns: readonly string[]): SQLite.Statement {
  return sqlite.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(column => `@${column}`).join(', ')})`)
}

export class HistoryWriter {
  readonly #sqlite: SQLite.Database
  readonly #statements: Record<keyof DayRecords, SQLite.Statement>
  readonly #writeDays: (days: DayRecords[]) => void

  constructor (sqlite: SQLite.Database) {
    this.#sqlite = sqlite
    this.#statements = {
      diners: insert(sqlite, 'diners', ['id', 'alipay_user_id', 'created_at', 'id_hash', 'last_seen_at']),
      checks: insert(sqlite, 'checks', ['id', 'table_id', 'status', 'payment_mode', 'opened_at', 'closed_at', 'close_reason']),
      checkDiners: insert(sqlite, 'check_diners', ['check_id', 'diner_id', 'number', 'joined_at']),
      orders: insert(sqlite, 'orders', [
        'id', 'number', 'client_order_id', 'request_hash', 'table_id', 'status', 'subtotal', 'total', 'currency',
        'cancel_reason', 'created_at', 'updated_at', 'check_id', 'diner_id', 'paid_at',
      ]),
      lines: insert(sqlite, 'order_lines', ['order_id', 'line_no', 'item_id', 'names', 'quantity', 'unit_price', 'options', 'diner_id', 'line_total']),
      payments: insert(sqlite, 'payments', [
        'id', 'order_id', 'method', 'status', 'amount', 'refunded_amount', 'currency', 'qr_code', 'trade_no', 'buyer_id',
        'expires_at', 'qr_deadline_at', 'failure_code', 'paid_at', 'created_at', 'updated_at', 'check_id', 'scope',
      ]),
      paymentOrders: insert(sqlite, 'payment_orders', ['payment_id', 'order_id', 'amount']),
      events: insert(sqlite, 'payment_events', ['payment_id', 'at', 'source', 'kind', 'detail']),
      refunds: sqlite.prepare(`insert into refunds (id, payment_id, out_request_no, amount, reason, status, staff_id, created_at, updated_at, succeeded_at)
        values (@id, @payment_id, @id, @amount, @reason, 'succeeded', @staff_id, @created_at, @succeeded_at, @succeeded_at)`),
      availability: insert(sqlite, 'menu_availability_events', ['item_id', 'available', 'at']),
    }
    // Parents before children: diners and checks before the orders that name them, payments before their events.
    const order: Array<keyof DayRecords> = ['diners', 'checks', 'checkDiners', 'orders', 'lines', 'payments', 'paymentOrders', 'events', 'refunds', 'availability']
    this.#writeDays = sqlite.transaction((days: DayRecords[]) => {
      for (const day of days) {
        for (const kind of order) {
          const statement = this.#statements[kind]
          // The ledger-only fields of a payment (subject, QR token) are not columns: bind what the statement names.
          for (const row of day[kind] as unknown as Row[]) statement.run(kind === 'payments' ? paymentColumns(row) : row)
        }
      }
    })
  }

  /** One transaction for all of `days`. */
  write (days: DayRecords[]): void {
    this.#writeDays(days)
  }

  /** The diners as they ended the year (last seen at their latest order), and the order counter after the last order. */
  finish (diners: readonly DinerRecord[], lastOrderNumber: number): void {
    const seen = this.#sqlite.prepare('update diners set last_seen_at = @last_seen_at where id = @id')
    // SQLite holds the default store only: store_id takes its column default, and a setting's key is unique per store.
    const counter = this.#sqlite.prepare(`insert into settings (key, value) values ('order_number', @value)
      on conflict (store_id, key) do update set value = excluded.value`)
    this.#sqlite.transaction(() => {
      for (const diner of diners) seen.run({ id: diner.id, last_seen_at: diner.last_seen_at })
      counter.run({ value: String(lastOrderNumber) })
    })()
  }
}

function paymentColumns (row: Row): Row {
  const { subject: _subject, qr_token: _token, ...columns } = row
  return columns
}
