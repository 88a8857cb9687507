// 006: the table's check. Diners seen through Alipay's OAuth and their phone sessions, one open check per
// table that every order joins, payments against a check (order_id becomes optional) and what they cover.
import { type Kysely, sql } from 'kysely'
import { databaseKind } from '../dialect.js'
import { strictTable } from './strict.js'

export async function up (db: Kysely<unknown>): Promise<void> {
  const create = (name: string) => db.schema.createTable(name)

  await strictTable(db, create('diners')
    .addColumn('id', 'text', col => col.primaryKey())
    // Either id may come from oauth.token: Alipay is moving apps from user_id to open_id.
    .addColumn('alipay_user_id', 'text', col => col.unique())
    .addColumn('alipay_open_id', 'text', col => col.unique())
    .addColumn('created_at', 'text', col => col.notNull()))

  await strictTable(db, create('diner_sessions')
    .addColumn('token_hash', 'text', col => col.primaryKey())
    .addColumn('diner_id', 'text', col => col.notNull().references('diners.id').onDelete('cascade'))
    .addColumn('table_id', 'text', col => col.notNull().references('tables.id'))
    .addColumn('created_at', 'text', col => col.notNull())
    .addColumn('expires_at', 'text', col => col.notNull()))
  await db.schema.createIndex('diner_sessions_expires_at').on('diner_sessions').column('expires_at').execute()

  await strictTable(db, create('oauth_states')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('table_id', 'text', col => col.notNull().references('tables.id'))
    .addColumn('browser_hash', 'text', col => col.notNull())
    .addColumn('created_at', 'text', col => col.notNull())
    .addColumn('expires_at', 'text', col => col.notNull())
    .addColumn('used_at', 'text'))

  await strictTable(db, create('checks')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('table_id', 'text', col => col.notNull().references('tables.id'))
    .addColumn('status', 'text', col => col.notNull().check(sql`status in ('open', 'closed')`))
    // The mode the check was opened in, kept until it closes: a manager switching modes mid-meal does
    // not turn a tab's unpaid orders into "paid" ones (or the other way round).
    .addColumn('payment_mode', 'text', col => col.notNull().check(sql`payment_mode in ('pay-first', 'tab')`))
    // The running even split, fixed by its first part: `split_parts` parts of `split_base`, started then.
    .addColumn('split_parts', 'integer')
    .addColumn('split_base', 'integer')
    .addColumn('split_started_at', 'text')
    .addColumn('opened_at', 'text', col => col.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('close_reason', 'text')
    .addColumn('closed_by', 'text'))
  // One open check per table: two orders racing to open one cannot both succeed.
  await db.schema.createIndex('checks_one_open_per_table').on('checks').column('table_id').unique()
    .where(sql.ref('status'), '=', 'open').execute()

  await strictTable(db, create('check_diners')
    .addColumn('check_id', 'text', col => col.notNull().references('checks.id'))
    .addColumn('diner_id', 'text', col => col.notNull().references('diners.id'))
    .addColumn('number', 'integer', col => col.notNull())
    .addColumn('joined_at', 'text', col => col.notNull())
    .addPrimaryKeyConstraint('check_diners_pk', ['check_id', 'diner_id'])
    .addUniqueConstraint('check_diners_number', ['check_id', 'number']))

  // Null only for orders placed before this migration.
  await db.schema.alterTable('orders').addColumn('check_id', 'text', col => col.references('checks.id')).execute()
  await db.schema.alterTable('orders').addColumn('diner_id', 'text', col => col.references('diners.id')).execute()
  await db.schema.createIndex('orders_check_id').on('orders').column('check_id').execute()
  // A phone's outbox retries with the same clientOrderId, as a tablet's does (orders_device_client_order_id).
  await db.schema.createIndex('orders_diner_client_order_id').on('orders').columns(['diner_id', 'client_order_id']).unique().execute()

  await db.schema.alterTable('payments').addColumn('check_id', 'text', col => col.references('checks.id')).execute()
  await db.schema.alterTable('payments').addColumn('scope', 'text').execute()
  await db.schema.alterTable('payments').addColumn('buyer_open_id', 'text').execute()
  await allowPaymentsWithoutOrder(db)
  await db.schema.createIndex('payments_check_id').on('payments').column('check_id').execute()

  await strictTable(db, create('payment_orders')
    .addColumn('payment_id', 'text', col => col.notNull().references('payments.id'))
    .addColumn('order_id', 'text', col => col.notNull().references('orders.id'))
    .addColumn('amount', 'integer', col => col.notNull().check(sql`amount >= 0`))
    .addPrimaryKeyConstraint('payment_orders_pk', ['payment_id', 'order_id']))
  await db.schema.createIndex('payment_orders_order_id').on('payment_orders').column('order_id').execute()
}

/** payments.order_id loses NOT NULL: a check's payment belongs to no single order. */
async function allowPaymentsWithoutOrder (db: Kysely<unknown>): Promise<void> {
  if (databaseKind(db) === 'sqlite') {
    await rebuildSqlitePayments(db)
    return
  }
  await db.schema.alterTable('payments').alterColumn('order_id', col => col.dropNotNull()).execute()
  // The rebuilt SQLite table's constraint, so both databases refuse the same rows.
  await db.schema.alterTable('payments')
    .addCheckConstraint('payments_pays_something', sql`order_id is not null or check_id is not null`).execute()
}

/**
 * SQLite-specific: it cannot drop a NOT NULL, so the table is rebuilt (sqlite.org/lang_altertable.html,
 * "other kinds of table schema changes"): new table, copy, drop, rename. payment_events and refunds
 * reference payments by name, so they follow the renamed table; migrate() turns foreign key
 * enforcement off around the migrations (a DROP would otherwise cascade-check them) and runs
 * `PRAGMA foreign_key_check` afterwards.
 */
async function rebuildSqlitePayments (db: Kysely<unknown>): Promise<void> {
  await strictTable(db, db.schema.createTable('payments_rebuilt')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('order_id', 'text', col => col.references('orders.id'))
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
    .addColumn('next_check_at', 'text')
    .addColumn('unknown_since', 'text')
    .addColumn('created_at', 'text', col => col.notNull())
    .addColumn('updated_at', 'text', col => col.notNull())
    .addColumn('qr_deadline_at', 'text')
    .addColumn('check_id', 'text', col => col.references('checks.id'))
    .addColumn('scope', 'text')
    .addColumn('buyer_open_id', 'text')
    // A payment pays an order or a check, never nothing.
    .addCheckConstraint('payments_pays_something', sql`order_id is not null or check_id is not null`))
  const columns = sql.raw([
    'id', 'order_id', 'method', 'status', 'amount', 'refunded_amount', 'currency', 'qr_code', 'trade_no', 'buyer_id',
    'expires_at', 'failure_code', 'paid_at', 'next_check_at', 'unknown_since', 'created_at', 'updated_at',
    'qr_deadline_at', 'check_id', 'scope', 'buyer_open_id',
  ].join(', '))
  await sql`insert into payments_rebuilt (${columns}) select ${columns} from payments`.execute(db)
  await sql`drop table payments`.execute(db)
  await sql`alter table payments_rebuilt rename to payments`.execute(db)
  await db.schema.createIndex('payments_order_id').on('payments').column('order_id').execute()
  await db.schema.createIndex('payments_status_next_check').on('payments').columns(['status', 'next_check_at']).execute()
}
