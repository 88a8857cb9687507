// Printers: SQL for `printers` (the console's setup and what the print worker records about each one).
import type { Db } from '../db/database.js'
import { reusableQuery } from '../db/reusable-query.js'
import type { PrinterRow } from '../db/schema.js'
import { newId, nowIso } from '../lib/tokens.js'
import { DEFAULT_PRINTER_PORT, type CreatePrinter, type Printer, type PrinterLanguage, type PrinterRouting, type UpdatePrinter } from '#shared/schemas/printer.js'

export function toPrinter (row: Omit<PrinterRow, 'store_id'>, queued: number): Printer {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: row.port,
    language: row.language as PrinterLanguage,
    routing: row.routing as PrinterRouting,
    categoryIds: JSON.parse(row.category_ids) as string[],
    state: { queued, failingSince: row.failing_since, lastError: row.last_error, lastPrintedAt: row.last_printed_at },
    createdAt: row.created_at,
  }
}

/** Unprinted jobs per printer. */
async function queuedCounts (db: Db, printerId?: string): Promise<Map<string, number>> {
  let query = db.selectFrom('print_jobs').select(['printer_id', eb => eb.fn.countAll<number>().as('n')])
    .where('printed_at', 'is', null).groupBy('printer_id')
  if (printerId !== undefined) query = query.where('printer_id', '=', printerId)
  return new Map((await query.execute()).map(row => [row.printer_id, Number(row.n)]))
}

export async function listPrinters (db: Db): Promise<Printer[]> {
  const rows = await db.selectFrom('printers').selectAll().orderBy('created_at').orderBy('id').execute()
  const counts = await queuedCounts(db)
  return rows.map(row => toPrinter(row, counts.get(row.id) ?? 0))
}

export async function findPrinterRow (db: Db, id: string): Promise<PrinterRow | undefined> {
  return db.selectFrom('printers').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function loadPrinter (db: Db, id: string): Promise<Printer | null> {
  const row = await findPrinterRow(db, id)
  return row ? toPrinter(row, (await queuedCounts(db, id)).get(id) ?? 0) : null
}

export async function insertPrinter (db: Db, input: CreatePrinter): Promise<Printer> {
  const at = nowIso()
  const row: Omit<PrinterRow, 'store_id'> = {
    id: newId('prn'),
    name: input.name.trim(),
    host: input.host,
    port: input.port ?? DEFAULT_PRINTER_PORT,
    language: input.language,
    routing: input.routing,
    category_ids: JSON.stringify(input.categoryIds ?? []),
    created_at: at,
    updated_at: at,
    alert_id: null,
    failing_since: null,
    last_error: null,
    last_printed_at: null,
  }
  await db.insertInto('printers').values(row).execute()
  return toPrinter(row, 0)
}

/** False when there is no such printer. */
export async function updatePrinter (db: Db, id: string, change: UpdatePrinter): Promise<boolean> {
  const result = await db.updateTable('printers').set({
    ...(change.name !== undefined ? { name: change.name.trim() } : {}),
    ...(change.host !== undefined ? { host: change.host } : {}),
    ...(change.port !== undefined ? { port: change.port } : {}),
    ...(change.language !== undefined ? { language: change.language } : {}),
    ...(change.routing !== undefined ? { routing: change.routing } : {}),
    ...(change.categoryIds !== undefined ? { category_ids: JSON.stringify(change.categoryIds) } : {}),
    updated_at: nowIso(),
  }).where('id', '=', id).executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** Removes the printer and, with it, every job it still had (their rows cascade). False when there was none. */
export async function deletePrinter (db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('printers').where('id', '=', id).executeTakeFirst()
  return result.numDeletedRows > 0n
}

/** Category ids among `ids` that are not on the menu (unknown or removed). */
export async function unknownCategoryIds (db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return []
  const known = await db.selectFrom('categories').select('id').where('id', 'in', ids).where('removed_at', 'is', null).execute()
  const found = new Set(known.map(row => row.id))
  return ids.filter(id => !found.has(id))
}

/**
 * The printers kitchen tickets may go to. Read in the transaction of every order that reaches the kitchen, so
 * built once; a restaurant without printers pays for this one read of an empty table.
 */
export const ticketPrinters = reusableQuery((db, _: Record<string, never>) =>
  db.selectFrom('printers').select(['id', 'routing', 'category_ids']).where('routing', '<>', 'none').orderBy('id'))

/** A job failed: since when the printer fails, its last error, and its open alert once raised. */
export async function markPrinterFailing (db: Db, id: string, at: string, error: string, alertId: string | null): Promise<void> {
  await db.updateTable('printers').set(eb => ({
    failing_since: eb.fn.coalesce('failing_since', eb.val(at)),
    last_error: error,
    ...(alertId !== null ? { alert_id: alertId } : {}),
  })).where('id', '=', id).execute()
}

/** A job printed: the printer is fine again; its open alert id is handed back to be resolved (null if none). */
export async function markPrinterPrinting (db: Db, id: string, at: string): Promise<string | null> {
  const row = await db.selectFrom('printers').select('alert_id').where('id', '=', id).executeTakeFirst()
  await db.updateTable('printers').set({ failing_since: null, last_error: null, alert_id: null, last_printed_at: at }).where('id', '=', id).execute()
  return row?.alert_id ?? null
}
