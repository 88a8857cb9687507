// 012: kitchen and counter printers, and print_jobs, the durable queue of what each printer still has to print.
// A kitchen ticket's jobs are written in the transaction that sends its order to the kitchen, so a crash
// never loses one; the worker marks a job printed only once the printer's socket took every byte.
import { type Kysely, sql } from 'kysely'
import { serialId } from './serial-id.js'
import { strictTable } from './strict.js'

export async function up (db: Kysely<unknown>): Promise<void> {
  await strictTable(db, db.schema.createTable('printers')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('name', 'text', col => col.notNull())
    .addColumn('host', 'text', col => col.notNull())
    .addColumn('port', 'integer', col => col.notNull())
    .addColumn('language', 'text', col => col.notNull().check(sql`language in ('en', 'zh-CN')`))
    .addColumn('routing', 'text', col => col.notNull().check(sql`routing in ('categories', 'rest', 'none')`))
    // JSON array of category ids, used when routing is 'categories'.
    .addColumn('category_ids', 'text', col => col.notNull())
    .addColumn('created_at', 'text', col => col.notNull())
    .addColumn('updated_at', 'text', col => col.notNull())
    // The printer's open "unreachable" alert: one at a time, resolved when it prints again.
    .addColumn('alert_id', 'text', col => col.references('alerts.id'))
    .addColumn('failing_since', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_printed_at', 'text'))

  await strictTable(db, db.schema.createTable('print_jobs')
    // Increasing: a printer's jobs print in this order (FIFO).
    .addColumn('id', ...serialId(db))
    .addColumn('printer_id', 'text', col => col.notNull().references('printers.id').onDelete('cascade'))
    // cancel: the "CANCELLED" ticket of an order whose kitchen ticket went to this printer.
    .addColumn('kind', 'text', col => col.notNull().check(sql`kind in ('kitchen', 'reprint', 'cancel', 'receipt', 'test')`))
    .addColumn('order_id', 'text', col => col.references('orders.id'))
    // JSON array of the order's line numbers on this ticket (kitchen, reprint, cancel); null for receipts and tests.
    .addColumn('line_nos', 'text')
    .addColumn('staff_id', 'text')
    .addColumn('created_at', 'text', col => col.notNull())
    .addColumn('attempts', 'integer', col => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('printed_at', 'text'))

  // The queue: a printer's unprinted jobs, oldest first, without reading the printed history.
  await db.schema.createIndex('print_jobs_queue').on('print_jobs').columns(['printer_id', 'id'])
    .where(sql.ref('printed_at'), 'is', null).execute()
  await db.schema.createIndex('print_jobs_by_order').on('print_jobs').column('order_id').execute()
}
