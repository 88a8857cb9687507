// Recognises a unique-constraint violation from SQLite or PostgreSQL, so callers can answer 409 or retry.

interface DriverError extends Error {
  code?: unknown
  /** pg: the violated constraint's (or unique index's) name. */
  constraint?: unknown
  /** pg: the table. */
  table?: unknown
  /** pg: "Key (diner_id, client_order_id)=(…) already exists." */
  detail?: unknown
}

const UNIQUE_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505'])

/** The columns PostgreSQL names in the violation's detail, or none. */
function pgKeyColumns (detail: unknown): string[] {
  const match = /^Key \(([^)]*)\)=/.exec(String(detail ?? ''))
  return match ? match[1]!.split(',').map(column => column.trim().replace(/^"|"$/g, '')) : []
}

/**
 * True for a unique violation; with `column` ("table.column" or "column"), only one involving it.
 * SQLite names the columns in its message ("UNIQUE constraint failed: tables.label"); PostgreSQL names
 * the table, the constraint and (in `detail`) the key's columns.
 */
export function isUniqueViolation (error: unknown, column?: string): boolean {
  if (!(error instanceof Error)) return false
  const driver = error as DriverError
  if (!UNIQUE_CODES.has(String(driver.code))) return false
  if (column === undefined) return true
  if (driver.code !== '23505') return error.message.includes(column)
  const [table, name] = column.includes('.') ? column.split('.', 2) as [string, string] : [undefined, column]
  if (table !== undefined && driver.table !== undefined && driver.table !== table) return false
  return pgKeyColumns(driver.detail).includes(name) || String(driver.constraint ?? '').includes(name)
}
