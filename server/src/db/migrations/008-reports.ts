// 008: what the sales reports count by. An order is sold at `orders.paid_at` (pay-first: when it became
// paid; tab: when its check was settled), a refund counts at `refunds.succeeded_at`, and every sold-out
// switch of a dish is kept in `menu_availability_events`. Each is written in the transaction of the change
// it records; rows from before this migration are backfilled from the best evidence they kept.
import { type Kysely, sql } from 'kysely'
import { serialId } from './serial-id.js'
import { strictTable } from './strict.js'

/** Payment statuses that took the diner's money (a refunded payment did too, before it gave it back). */
const TOOK_MONEY = sql`('paid', 'partially_refunded', 'refunded')`

export async function up (db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orders').addColumn('paid_at', 'text').execute()
  // A report reads the orders sold in a range through this index alone: it carries every column the
  // report's aggregates use (the id too, to reach the lines), so a year (≈110 k orders) is one range scan
  // without a lookup per order; `number` second gives the CSV export its keyset order (paid_at, number).
  // Partial (sold orders only), here and on payments and refunds: placing an order or creating a payment writes
  // no entry, so the hot inserts pay nothing for the reports; every range on the column implies NOT NULL, so
  // SQLite (and PostgreSQL) still choose the index for the reports' queries.
  await db.schema.createIndex('orders_paid_at').on('orders')
    .columns(['paid_at', 'number', 'status', 'total', 'table_id', 'check_id', 'diner_id', 'id'])
    .where('paid_at', 'is not', null).execute()
  // Dishes sold: the lines of those orders by this index alone (≈500 k lines a year, no lookup per line).
  await db.schema.createIndex('order_lines_sales').on('order_lines')
    .columns(['order_id', 'item_id', 'quantity', 'line_total']).execute()
  // Returning diners: each phone diner's sold orders by time, read without a lookup per order (the report
  // needs only paid_at; through orders_diner_client_order_id a year's ≈30 k phone orders cost a table row
  // each, half of that query's time). Partial: tablet orders (no diner) are most orders and never read here.
  await db.schema.createIndex('orders_diner_paid_at').on('orders').columns(['diner_id', 'paid_at'])
    .where('diner_id', 'is not', null).execute()

  await db.schema.alterTable('refunds').addColumn('succeeded_at', 'text').execute()
  await db.schema.createIndex('refunds_succeeded_at').on('refunds').column('succeeded_at')
    .where('succeeded_at', 'is not', null).execute()
  // Payments by when they were paid: the reports' payment methods (covered: no lookup per payment), the
  // day close and the reconciliation.
  await db.schema.createIndex('payments_paid_at').on('payments').columns(['paid_at', 'status', 'method', 'amount'])
    .where('paid_at', 'is not', null).execute()

  await strictTable(db, db.schema.createTable('menu_availability_events')
    .addColumn('id', ...serialId(db))
    .addColumn('item_id', 'text', col => col.notNull().references('items.id'))
    .addColumn('available', 'integer', col => col.notNull().check(sql`available in (0, 1)`))
    .addColumn('at', 'text', col => col.notNull())
    .addColumn('staff_id', 'text', col => col.references('staff.id')))
  await db.schema.createIndex('menu_availability_events_at').on('menu_availability_events').column('at').execute()
  await db.schema.createIndex('menu_availability_events_item_at').on('menu_availability_events').columns(['item_id', 'at']).execute()

  await backfill(db)
}

/**
 * Older rows. A pay-first order (or one from before checks) that went past `placed` was paid: at its own
 * or its check payment's paid_at, else — paid at the counter, or a free order — when it last changed (a
 * free order: when placed). A tab order counts when its check was settled: closed with no reason (a staff
 * member closing a check that still owed had to give one) or closed with its orders paid in full.
 * Succeeded refunds: their last change was the success.
 */
async function backfill (db: Kysely<unknown>): Promise<void> {
  await sql`update orders set paid_at = coalesce(
      (select max(p.paid_at) from payments p where p.order_id = orders.id and p.status in ${TOOK_MONEY}),
      (select max(p.paid_at) from payment_orders po join payments p on p.id = po.payment_id
        where po.order_id = orders.id and p.status in ${TOOK_MONEY}),
      case when orders.total = 0 then orders.created_at else orders.updated_at end)
    where orders.status in ('paid', 'preparing', 'ready', 'served')
      and not exists (select 1 from checks c where c.id = orders.check_id and c.payment_mode = 'tab')`.execute(db)

  await sql`update orders set paid_at = (select c.closed_at from checks c where c.id = orders.check_id)
    where orders.status <> 'cancelled'
      and exists (select 1 from checks c where c.id = orders.check_id and c.payment_mode = 'tab' and c.status = 'closed'
        and (c.close_reason is null or
          (select coalesce(sum(o.total), 0) from orders o where o.check_id = c.id and o.status <> 'cancelled') <=
          (select coalesce(sum(p.amount), 0) from payments p
            where p.status in ${TOOK_MONEY} and (p.check_id = c.id or p.order_id in (select o.id from orders o where o.check_id = c.id)))))`.execute(db)

  await sql`update refunds set succeeded_at = updated_at where status = 'succeeded'`.execute(db)
}
