// 011: the sales report's figures of past days (reports/sales-days.ts). A store day that ended more than an hour
// ago can no longer change — every time the report counts by is stamped with the moment it is written — so its
// sums are kept here once computed, and a year's report reads 365 small rows instead of half a million lines.
// Keyed by the zone the day is a day of (a changed STORE_TIMEZONE makes other days, never reads these) and
// stamped with the figures' shape (a report that counts differently ignores rows of another shape).
import type { Kysely } from 'kysely'
import { strictTable } from './strict.js'

export async function up (db: Kysely<unknown>): Promise<void> {
  await strictTable(db, db.schema.createTable('sales_days')
    .addColumn('timezone', 'text', col => col.notNull())
    // The store-local day, YYYY-MM-DD.
    .addColumn('date', 'text', col => col.notNull())
    .addColumn('shape', 'integer', col => col.notNull())
    // A SalesSpan of the one day, as JSON (reports/sales-span.ts).
    .addColumn('figures', 'text', col => col.notNull())
    .addColumn('computed_at', 'text', col => col.notNull())
    .addPrimaryKeyConstraint('sales_days_pk', ['timezone', 'date']))
}
