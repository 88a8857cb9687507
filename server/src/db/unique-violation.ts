// Recognises a unique-constraint violation from SQLite or PostgreSQL, so callers can answer 409 or retry.
export function isUniqueViolation (error: unknown, column?: string): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  // better-sqlite3: SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY; pg: 23505.
  const unique = code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505'
  if (!unique) return false
  // SQLite names the column ("UNIQUE constraint failed: tables.label"); pg names the constraint.
  return column === undefined || error.message.includes(column) || String((error as { constraint?: unknown }).constraint ?? '').includes(column.replace('.', '_'))
}
