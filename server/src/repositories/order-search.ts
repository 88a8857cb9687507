// The staff order search (GET /api/staff/orders?q=): digits are an order number or a table's number, matched exactly; other text
// is looked for, case-insensitive and anywhere, in the table's label (either language) and in the dish names the order's lines
// were sold under (English and Chinese), so a renamed dish still finds the orders of its old name.
import { sql, type ExpressionBuilder, type SqlBool, type Expression } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Db } from '../db/database.js'
import { containsText, databaseKind, jsonTextField, type DatabaseKind } from '../db/dialect.js'

type OrdersScope = ExpressionBuilder<Database, 'orders'>

/** The order's row matches `text`; `tableIds` are the tables whose label matches (searchTableIds). */
export function orderMatches (eb: OrdersScope, kind: DatabaseKind, text: string, tableIds: readonly string[]): Expression<SqlBool> {
  const query = text.trim()
  if (/^\d+$/.test(query)) {
    const byNumber = eb('orders.number', '=', Number(query))
    return tableIds.length > 0 ? eb.or([byNumber, eb('orders.table_id', 'in', tableIds)]) : byNumber
  }
  const needle = query.toLowerCase()
  // Not LIKE: the words typed are matched as they are, % and _ included.
  const inName = (locale: string) => containsText(kind, sql<string>`lower(${jsonTextField(kind, sql.ref('order_lines.names'), locale)})`, needle)
  let lines = eb.selectFrom('order_lines').select('order_lines.line_no').whereRef('order_lines.order_id', '=', 'orders.id')
  // A test of the stored JSON text first: cheap, and it rules out almost every line before any JSON is parsed
  // (a year's history with no match: 0.4 s instead of 1.3 s). Only for words JSON stores as they are.
  if (JSON.stringify(needle) === `"${needle}"`) lines = lines.where(containsText(kind, sql<string>`lower(order_lines.names)`, needle))
  const byDish = eb.exists(lines.where(inner => inner.or([inName('en'), inName('zh-CN')])))
  return tableIds.length > 0 ? eb.or([eb('orders.table_id', 'in', tableIds), byDish]) : byDish
}

/**
 * Tables whose label (either language) contains `text` (case-insensitive), removed ones too: their orders stay searchable. The
 * tables are a few dozen rows, read once so each order is matched by its table_id.
 */
export async function searchTableIds (db: Db, text: string): Promise<string[]> {
  const query = text.trim()
  if (/^\d+$/.test(query)) return tablesNumbered(db, Number(query))
  const needle = query.toLowerCase()
  const kind = databaseKind(db)
  const rows = await db.selectFrom('tables').select('id')
    .where(eb => eb.or([
      containsText(kind, sql<string>`lower(label)`, needle),
      containsText(kind, sql<string>`lower(coalesce(label_zh, ''))`, needle),
    ])).execute()
  return rows.map(row => row.id)
}

/** Tables whose label (either language) ends in this number on its own: "12" finds "12", "Table 12" and "桌 12", not "112" or "12A". */
async function tablesNumbered (db: Db, number: number): Promise<string[]> {
  const rows = await db.selectFrom('tables').select(['id', 'label', 'label_zh']).execute()
  const numbered = (label: string | null): boolean => Number(/(?:^|\D)(\d+)\s*$/.exec(label ?? '')?.[1] ?? NaN) === number
  return rows.filter(row => numbered(row.label) || numbered(row.label_zh)).map(row => row.id)
}
