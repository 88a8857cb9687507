// Which SQL dialect a Kysely instance speaks, and (below) the named helpers for every SQL difference the
// repositories meet. Raw `sql` that differs between SQLite and PostgreSQL lives only in this file.
import { PostgresAdapter, sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely'

export type DatabaseKind = 'sqlite' | 'postgres'

/** By adapter: a transaction shares its database's adapter, so this works on either. */
export function databaseKind<DB> (db: Kysely<DB>): DatabaseKind {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'
}

// ---------------------------------------------------------------------------------------------------------
// Repository helpers (owner: pg-repos). Each takes the DatabaseKind (databaseKind(db)) and builds one
// expression; what both dialects spell alike (lower, substr, coalesce, case, row values) stays in the
// repositories.

/** `haystack` contains `needle` as typed: `%` and `_` are plain characters (no LIKE), case-sensitive. */
export function containsText (kind: DatabaseKind, haystack: Expression<string | null>, needle: string): RawBuilder<SqlBool> {
  return kind === 'postgres'
    ? sql<SqlBool>`strpos(${haystack}, ${needle}) > 0`
    : sql<SqlBool>`instr(${haystack}, ${needle}) > 0`
}

/** The text at top-level `key` of a JSON object stored as TEXT; null when absent. */
export function jsonTextField (kind: DatabaseKind, json: Expression<string | null>, key: string): RawBuilder<string | null> {
  if (kind === 'postgres') return sql<string | null>`(cast(${json} as json) ->> cast(${key} as text))`
  // SQLite's path quotes the key, so keys such as "zh-CN" work; a quote in it would end the key early.
  if (key.includes('"')) throw new Error(`jsonTextField: a JSON key with a quote is not supported (${key})`)
  return sql<string | null>`json_extract(${json}, ${`$."${key}"`})`
}

/**
 * The JSON object stored as TEXT in `json` with the string fields of `set` written over it and the number at
 * `counter` raised by `by`. Used as an UPDATE's new value, it is computed from the row as the UPDATE finds it
 * (after waiting for any concurrent writer), so concurrent increments all count: no read-then-write.
 */
export function jsonWithIncrement (kind: DatabaseKind, json: Expression<string>, counter: string, by: number, set: Readonly<Record<string, string>>): RawBuilder<string> {
  const patch = JSON.stringify(set)
  if (kind === 'postgres') {
    const object = sql`cast(${json} as jsonb)`
    const raised = sql`coalesce(cast(${object} ->> cast(${counter} as text) as bigint), 0) + ${by}`
    return sql<string>`cast(${object} || cast(${patch} as jsonb) || jsonb_build_object(cast(${counter} as text), ${raised}) as text)`
  }
  if (counter.includes('"')) throw new Error(`jsonWithIncrement: a JSON key with a quote is not supported (${counter})`)
  const path = `$."${counter}"`
  // json_patch writes `set` over the object (no value of `set` is null, which would delete its key instead).
  return sql<string>`json_set(json_patch(${json}, ${patch}), ${path}, coalesce(json_extract(${json}, ${path}), 0) + ${by})`
}
