// The sales_days table (011): the kept figures of past store days, one JSON row per (zone, day). What is kept,
// and why it cannot go stale: reports/sales-days.ts.
import { inTransaction } from '../db/transaction.js'
import type { Db } from '../db/database.js'

export interface SalesDayRow {
  date: string
  /** SalesSpan JSON. */
  figures: string
}

/** The kept days of `from` … `to` in `timezone`, of this shape only; missing days are simply absent. */
export async function readSalesDays (db: Db, timezone: string, shape: number, from: string, to: string): Promise<SalesDayRow[]> {
  return db.selectFrom('sales_days')
    .select(['date', 'figures'])
    .where('timezone', '=', timezone).where('date', '>=', from).where('date', '<=', to)
    .where('shape', '=', shape)
    .execute()
}

/** Rows per statement: five parameters each, under SQLite's oldest limit of 999. */
const ROWS_PER_INSERT = 150

/** Keeps (or replaces: another shape, a race with another request) the figures of these days, in one transaction. */
export async function saveSalesDays (db: Db, timezone: string, shape: number, days: SalesDayRow[], at: string): Promise<void> {
  if (days.length === 0) return
  await inTransaction(db, async (trx) => {
    for (let start = 0; start < days.length; start += ROWS_PER_INSERT) {
      await trx.insertInto('sales_days')
        .values(days.slice(start, start + ROWS_PER_INSERT).map(day => ({ timezone, date: day.date, shape, figures: day.figures, computed_at: at })))
        .onConflict(oc => oc.columns(['timezone', 'date']).doUpdateSet(eb => ({
          shape: eb.ref('excluded.shape'),
          figures: eb.ref('excluded.figures'),
          computed_at: eb.ref('excluded.computed_at'),
        })))
        .execute()
    }
  })
}

/**
 * Forgets every kept day. For whatever writes sales into days that are over (the demo history generator):
 * the next report computes them again from the orders.
 */
export async function forgetSalesDays (db: Db): Promise<void> {
  await db.deleteFrom('sales_days').execute()
}
