// Queries built and compiled once, then run with new values. Kysely rebuilds and recompiles a query
// on every execute; on the order path that cost more than SQLite running it. Portable: the query is
// still Kysely's, compiled once per dialect, so PostgreSQL gets its own SQL from the same builder.
import type { Compilable, CompiledQuery, QueryResult } from 'kysely'
import type { Db } from './database.js'
import { storeScopeOf } from './store-scope.js'

/** One compiled query; each parameter is either a value of the call (its leaf index) or a constant of the builder. */
interface Template {
  query: CompiledQuery
  slots: ReadonlyArray<{ leaf: number } | { constant: unknown }>
}

const STAND_IN = '\u0000tablepad-value-'

function isPlainObject (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
}

/**
 * Walks the values depth first: the leaves in order, and a key of their shape (array lengths,
 * object keys, which leaves are undefined) — shapes that build different SQL get different keys.
 */
function flatten (value: unknown, leaves: unknown[]): string {
  if (Array.isArray(value)) return `[${value.map(item => flatten(item, leaves)).join(',')}]`
  if (isPlainObject(value)) return `{${Object.keys(value).map(key => `${key}:${flatten(value[key], leaves)}`).join(',')}}`
  // Kysely leaves out an insert or update column whose value is undefined: that changes the SQL.
  if (value === undefined) return 'u'
  leaves.push(value)
  return '.'
}

/** The same shape with every leaf replaced by a stand-in naming its index. */
function standIns (value: unknown, next: { leaf: number }): unknown {
  if (Array.isArray(value)) return value.map(item => standIns(item, next))
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, standIns(item, next)]))
  if (value === undefined) return undefined
  return `${STAND_IN}${next.leaf++}`
}

function compileTemplate<V> (db: Db, build: (db: Db, values: V) => Compilable, values: V, leafCount: number): Template {
  const query = build(db, standIns(values, { leaf: 0 }) as V).compile()
  const slots = query.parameters.map(parameter =>
    typeof parameter === 'string' && parameter.startsWith(STAND_IN) ? { leaf: Number(parameter.slice(STAND_IN.length)) } : { constant: parameter })
  const used = new Set(slots.flatMap(slot => 'leaf' in slot ? [slot.leaf] : []))
  // A value the builder turned into SQL text (or dropped) instead of a parameter would be baked in.
  if (used.size !== leafCount) throw new Error(`reusableQuery: ${leafCount - used.size} value(s) did not become parameters in ${query.sql}`)
  return { query, slots }
}

/**
 * A query whose builder runs once per dialect and shape of `values` (the lengths of its lists; keep
 * them bounded, as request limits do). `build` receives stand-ins for the values and must use each
 * as a query parameter, never inspect it; every call then only swaps in its own values.
 * Runs on whatever `db` it is given, a transaction included.
 */
export function reusableQuery<V, R> (build: (db: Db, values: V) => Compilable<R>): (db: Db, values: V) => Promise<QueryResult<R>> {
  // Per adapter: transactions share their database's adapter, and another dialect compiles other SQL. Per store
  // scope too: a scoped handle compiles its store's id into the template (a constant of the builder), which must
  // never run on another store's handle.
  const compiled = new WeakMap<object, Map<string, Template>>()
  return async (db, values) => {
    const leaves: unknown[] = []
    const shape = `${storeScopeOf(db) ?? ''}\u0000${flatten(values, leaves)}`
    const adapter = db.getExecutor().adapter
    let byShape = compiled.get(adapter)
    if (!byShape) compiled.set(adapter, byShape = new Map())
    let template = byShape.get(shape)
    if (!template) byShape.set(shape, template = compileTemplate(db, build, values, leaves.length))
    const parameters = template.slots.map(slot => 'leaf' in slot ? leaves[slot.leaf] : slot.constant)
    return db.executeQuery<R>({ ...template.query, parameters } as CompiledQuery<R>)
  }
}
