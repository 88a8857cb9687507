// 010: reconciliation of a day against Alipay's trade bill: the latest result per bill day, and which of its
// mismatches staff were already alerted to (so running a day again never repeats an alert).
import { type Kysely, sql } from 'kysely'
import { strictTable } from './strict.js'

export async function up (db: Kysely<unknown>): Promise<void> {
  await strictTable(db, db.schema.createTable('bill_reconciliations')
    // Alipay's bill day (Beijing time), YYYY-MM-DD.
    .addColumn('date', 'text', col => col.primaryKey())
    .addColumn('status', 'text', col => col.notNull()
      .check(sql`status in ('matched', 'mismatched', 'no_bill', 'unavailable', 'failed')`))
    .addColumn('checked_at', 'text', col => col.notNull())
    .addColumn('reason', 'text')
    // Read and written whole with the day: the Reconciliation counts and mismatches, as JSON.
    .addColumn('counts', 'text', col => col.notNull())
    .addColumn('mismatches', 'text', col => col.notNull()))

  await strictTable(db, db.schema.createTable('bill_reconciliation_alerts')
    .addColumn('date', 'text', col => col.notNull())
    // kind:out_trade_no:out_request_no — the same mismatch on another run of the day.
    .addColumn('mismatch_key', 'text', col => col.notNull())
    .addColumn('alert_id', 'text', col => col.notNull().references('alerts.id'))
    .addColumn('created_at', 'text', col => col.notNull())
    .addPrimaryKeyConstraint('bill_reconciliation_alerts_pk', ['date', 'mismatch_key']))
}
