// 003: payments (one row per Alipay trade), their append-only event log, refunds and staff alerts.
import { type Kysely, sql } from 'kysely'
import { serialId } from './serial-id.js'
import { strictTable } from './strict.js'

export async function up (db: Kysely<unknown>): Promise<void> {
  const create = (name: string) => db.schema.createTable(name)

  await strictTable(db, create('payments')
    // The id is also the Alipay out_trade_no; it exists before the gateway is called.
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('order_id', 'text', col => col.notNull().references('orders.id'))
    .addColumn('method', 'text', col => col.notNull())
    .addColumn('status', 'text', col => col.notNull())
    .addColumn('amount', 'integer', col => col.notNull().check(sql`amount > 0`))
    .addColumn('refunded_amount', 'integer', col => col.notNull().defaultTo(0))
    .addColumn('currency', 'text', col => col.notNull())
    .addColumn('qr_code', 'text')
    .addColumn('trade_no', 'text')
    .addColumn('buyer_id', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('failure_code', 'text')
    .addColumn('paid_at', 'text')
    // When the reconciler should look at it next, and since when its outcome is unknown.
    .addColumn('next_check_at', 'text')
    .addColumn('unknown_since', 'text')
    .addColumn('created_at', 'text', col => col.notNull())
    .addColumn('updated_at', 'text', col => col.notNull()))
  await db.schema.createIndex('payments_order_id').on('payments').column('order_id').execute()
  await db.schema.createIndex('payments_status_next_check').on('payments').columns(['status', 'next_check_at']).execute()

  await strictTable(db, create('payment_events')
    .addColumn('id', ...serialId(db))
    .addColumn('payment_id', 'text', col => col.notNull().references('payments.id'))
    .addColumn('at', 'text', col => col.notNull())
    .addColumn('source', 'text', col => col.notNull())
    .addColumn('kind', 'text', col => col.notNull())
    .addColumn('detail', 'text', col => col.notNull().defaultTo('{}')))
  await db.schema.createIndex('payment_events_payment_id').on('payment_events').column('payment_id').execute()

  await strictTable(db, create('refunds')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('payment_id', 'text', col => col.notNull().references('payments.id'))
    // Stored before the call and reused on every retry, so a refund happens once.
    .addColumn('out_request_no', 'text', col => col.notNull().unique())
    .addColumn('amount', 'integer', col => col.notNull().check(sql`amount > 0`))
    .addColumn('reason', 'text', col => col.notNull())
    .addColumn('status', 'text', col => col.notNull())
    .addColumn('staff_id', 'text')
    .addColumn('failure_code', 'text')
    .addColumn('next_check_at', 'text')
    .addColumn('created_at', 'text', col => col.notNull())
    .addColumn('updated_at', 'text', col => col.notNull()))
  await db.schema.createIndex('refunds_payment_id').on('refunds').column('payment_id').execute()

  await strictTable(db, create('alerts')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('kind', 'text', col => col.notNull())
    .addColumn('severity', 'text', col => col.notNull())
    .addColumn('payment_id', 'text')
    .addColumn('order_id', 'text')
    .addColumn('detail', 'text', col => col.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', col => col.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text'))
  await db.schema.createIndex('alerts_open').on('alerts').columns(['acknowledged_at', 'created_at']).execute()
}
