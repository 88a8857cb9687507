// Many restaurants (stores) in one database. Every store-scoped table carries `store_id`; a scoped handle
// (forStore) confines every query it runs to one store, so a repository written for one restaurant stays correct
// when the database holds many: it cannot read, change or delete another store's rows by forgetting a filter.
// The confinement is a Kysely plugin rewriting each query's operation tree before it is compiled:
//   SELECT / UPDATE / DELETE: `<alias>.store_id = $store` for each store-scoped table in FROM, the UPDATE target,
//     USING and cross joins (to WHERE), and in every other JOIN (to its ON, so a LEFT JOIN keeps its meaning);
//     subqueries, CTEs and unions are queries of their own and get the same.
//   INSERT into a store-scoped table: `store_id` added to every row (an explicit, different one throws);
//     ON CONFLICT targets get store_id prepended (migration 019 made a (store_id, …) unique index for each);
//     INSERT … SELECT throws (the selected rows' store cannot be checked).
//   Refused too (they would cross stores or escape the rewrite): a RIGHT or FULL join of a store-scoped table
//     (its other stores' rows would survive the ON condition), setting store_id in an UPDATE or an upsert's
//     DO UPDATE (moving rows between stores), and an ON CONFLICT target on a store-scoped table given as a
//     constraint name or an expression (store_id cannot be prepended to it).
// Raw `sql` text is not rewritten (only builder queries embedded in it are): repositories must not name a
// store-scoped table in raw SQL (test/architecture/store-scope.test.ts).
import {
  AndNode, BinaryOperationNode, ColumnNode, IdentifierNode, ListNode, OnConflictNode, OperationNodeTransformer,
  OperatorNode, ParensNode, PrimitiveValueListNode, ReferenceNode, TableNode, ValueListNode, ValueNode, ValuesNode,
  WhereNode, AliasNode, JoinNode, InsertQueryNode,
  type DeleteQueryNode, type Kysely, type KyselyPlugin, type OperationNode, type PluginTransformQueryArgs,
  type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type SelectQueryNode, type UnknownRow,
  type UpdateQueryNode, type JoinType, type ColumnUpdateNode,
} from 'kysely'

/** The store every database has: SQLite holds only it; existing rows were backfilled into it (migration 019). */
export const DEFAULT_STORE_ID = 'default'

/** The tables whose rows belong to one store (a `store_id` column); every other table is global. */
export const STORE_SCOPED_TABLES: ReadonlySet<string> = new Set([
  'settings', 'staff', 'staff_sessions', 'tables', 'devices', 'categories', 'items', 'option_groups', 'options',
  'orders', 'order_lines', 'payments', 'payment_events', 'refunds', 'alerts', 'diners', 'diner_sessions',
  'oauth_states', 'checks', 'check_diners', 'payment_orders', 'menu_availability_events', 'business_days',
  'business_day_log', 'bill_reconciliations', 'bill_reconciliation_alerts', 'sales_days', 'printers', 'print_jobs',
  'events',
])

const STORE_COLUMN = 'store_id'

/** A query a scoped handle refuses to run: it would cross stores, or its store cannot be checked. A bug, not input. */
export class StoreScopeError extends Error {
  override name = 'StoreScopeError'
}

/** Joins that have no ON clause: their tables' conditions go to the query's WHERE. */
const JOINS_WITHOUT_ON: ReadonlySet<JoinType> = new Set(['CrossJoin', 'LateralCrossJoin', 'CrossApply', 'OuterApply'])

/** Joins that keep the joined table's unmatched rows: a condition in their ON would not drop other stores' rows. */
const JOINS_KEEPING_JOINED_ROWS: ReadonlySet<JoinType> = new Set(['RightJoin', 'FullJoin'])

/** Whether `updates` (an UPDATE's SET or an upsert's DO UPDATE SET) set the store column. */
function setsStoreColumn (updates: ReadonlyArray<ColumnUpdateNode> | undefined): boolean {
  return (updates ?? []).some(({ column }) => {
    const target = ReferenceNode.is(column) ? column.column : column
    return ColumnNode.is(target) && target.column.name === STORE_COLUMN
  })
}

/** A store-scoped table as a query names it: `ref` is what its columns are qualified with (the alias, if any). */
function scopedTableOf (node: OperationNode): { name: string, ref: TableNode } | null {
  if (TableNode.is(node)) {
    return STORE_SCOPED_TABLES.has(node.table.identifier.name) ? { name: node.table.identifier.name, ref: node } : null
  }
  if (AliasNode.is(node) && TableNode.is(node.node) && IdentifierNode.is(node.alias)) {
    const name = node.node.table.identifier.name
    return STORE_SCOPED_TABLES.has(name) ? { name, ref: TableNode.create(node.alias.name) } : null
  }
  return null
}

/** `existing AND condition`, parenthesised where the existing filter could bind looser than AND. */
function and (existing: OperationNode | undefined, condition: OperationNode): OperationNode {
  if (existing === undefined) return condition
  const safe = BinaryOperationNode.is(existing) || AndNode.is(existing) || ParensNode.is(existing)
  return AndNode.create(safe ? existing : ParensNode.create(existing), condition)
}

class StoreScopeTransformer extends OperationNodeTransformer {
  constructor (private readonly storeId: string) {
    super()
  }

  private condition (ref: TableNode): OperationNode {
    return BinaryOperationNode.create(
      ReferenceNode.create(ColumnNode.create(STORE_COLUMN), ref), OperatorNode.create('='), ValueNode.create(this.storeId))
  }

  /** The query's WHERE with a condition for each store-scoped table of `tables`. */
  private confinedWhere (where: WhereNode | undefined, tables: ReadonlyArray<OperationNode>): WhereNode | undefined {
    let filter = where?.where
    for (const table of tables) {
      const scoped = scopedTableOf(table)
      if (scoped) filter = and(filter, this.condition(scoped.ref))
    }
    return filter === undefined ? undefined : WhereNode.create(filter)
  }

  private static crossJoined (joins: ReadonlyArray<JoinNode> | undefined): OperationNode[] {
    return (joins ?? []).filter(join => JOINS_WITHOUT_ON.has(join.joinType)).map(join => join.table)
  }

  protected override transformSelectQuery (node: SelectQueryNode, queryId?: PluginTransformQueryArgs['queryId']): SelectQueryNode {
    const transformed = super.transformSelectQuery(node, queryId)
    const tables = [...(transformed.from?.froms ?? []), ...StoreScopeTransformer.crossJoined(transformed.joins)]
    const where = this.confinedWhere(transformed.where, tables)
    return where === transformed.where ? transformed : { ...transformed, where }
  }

  protected override transformUpdateQuery (node: UpdateQueryNode, queryId?: PluginTransformQueryArgs['queryId']): UpdateQueryNode {
    const transformed = super.transformUpdateQuery(node, queryId)
    const targets = transformed.table === undefined ? [] : ListNode.is(transformed.table) ? transformed.table.items : [transformed.table]
    const tables = [...targets, ...(transformed.from?.froms ?? []), ...StoreScopeTransformer.crossJoined(transformed.joins)]
    if (setsStoreColumn(transformed.updates) && tables.some(table => scopedTableOf(table))) {
      throw new StoreScopeError(`update setting store_id on a handle scoped to store ${this.storeId}: rows never move between stores`)
    }
    const where = this.confinedWhere(transformed.where, tables)
    return where === transformed.where ? transformed : { ...transformed, where }
  }

  protected override transformDeleteQuery (node: DeleteQueryNode, queryId?: PluginTransformQueryArgs['queryId']): DeleteQueryNode {
    const transformed = super.transformDeleteQuery(node, queryId)
    const tables = [...transformed.from.froms, ...(transformed.using?.tables ?? []), ...StoreScopeTransformer.crossJoined(transformed.joins)]
    const where = this.confinedWhere(transformed.where, tables)
    return where === transformed.where ? transformed : { ...transformed, where }
  }

  protected override transformJoin (node: JoinNode, queryId?: PluginTransformQueryArgs['queryId']): JoinNode {
    const transformed = super.transformJoin(node, queryId)
    if (JOINS_WITHOUT_ON.has(transformed.joinType)) return transformed
    const scoped = scopedTableOf(transformed.table)
    if (!scoped) return transformed
    if (JOINS_KEEPING_JOINED_ROWS.has(transformed.joinType)) {
      throw new StoreScopeError(`${transformed.joinType} of ${scoped.name} on a handle scoped to store ${this.storeId}: it would keep other stores' rows`)
    }
    return JoinNode.createWithOn(transformed.joinType, transformed.table, and(transformed.on?.on, this.condition(scoped.ref)))
  }

  protected override transformInsertQuery (node: InsertQueryNode, queryId?: PluginTransformQueryArgs['queryId']): InsertQueryNode {
    const transformed = super.transformInsertQuery(node, queryId)
    const table = transformed.into?.table.identifier.name
    if (table === undefined || !STORE_SCOPED_TABLES.has(table)) return transformed
    const stamped = this.stampRows(table, transformed)
    const onConflict = transformed.onConflict && this.conflictTarget(table, transformed.onConflict)
    return InsertQueryNode.cloneWith(transformed, { ...stamped, ...(onConflict && { onConflict }) })
  }

  /** The insert's columns and rows with this store's id in each row. */
  private stampRows (table: string, node: InsertQueryNode): Pick<InsertQueryNode, 'columns' | 'values' | 'defaultValues'> {
    if (node.defaultValues) {
      return { columns: [ColumnNode.create(STORE_COLUMN)], values: ValuesNode.create([PrimitiveValueListNode.create([this.storeId])]), defaultValues: false }
    }
    if (!node.values || !ValuesNode.is(node.values)) {
      throw new StoreScopeError(`insert into ${table} on a handle scoped to store ${this.storeId}: only VALUES rows can be confined to it (not INSERT … SELECT)`)
    }
    const columns = node.columns ?? []
    const at = columns.findIndex(column => column.column.name === STORE_COLUMN)
    if (at >= 0) {
      for (const row of node.values.values) this.checkExplicitStore(table, row, at)
      return { columns, values: node.values }
    }
    const rows = node.values.values.map(row => PrimitiveValueListNode.is(row)
      ? PrimitiveValueListNode.create([...row.values, this.storeId])
      : ValueListNode.create([...row.values, ValueNode.create(this.storeId)]))
    return { columns: [...columns, ColumnNode.create(STORE_COLUMN)], values: ValuesNode.create(rows) }
  }

  private checkExplicitStore (table: string, row: PrimitiveValueListNode | ValueListNode, at: number): void {
    const value = PrimitiveValueListNode.is(row) ? row.values[at] : valueOf(row.values[at])
    if (value !== this.storeId) {
      throw new StoreScopeError(`insert into ${table} with store_id ${String(value)} on a handle scoped to store ${this.storeId}`)
    }
  }

  private conflictTarget (table: string, node: OnConflictNode): OnConflictNode {
    if (node.constraint !== undefined || node.indexExpression !== undefined) {
      throw new StoreScopeError(`insert into ${table} on a handle scoped to store ${this.storeId}: an ON CONFLICT target must be columns (store_id is prepended to them)`)
    }
    if (setsStoreColumn(node.updates)) {
      throw new StoreScopeError(`upsert into ${table} setting store_id on a handle scoped to store ${this.storeId}: rows never move between stores`)
    }
    const columns = node.columns
    if (!columns || columns.some(column => column.column.name === STORE_COLUMN)) return node
    return OnConflictNode.cloneWith(node, { columns: [ColumnNode.create(STORE_COLUMN), ...columns] })
  }
}

/** A literal value node's value; anything else (an expression, a subquery) cannot be checked. */
function valueOf (node: OperationNode | undefined): unknown {
  return node !== undefined && ValueNode.is(node) ? node.value : Symbol('not a literal value')
}

/** The plugin of a scoped handle; `storeId` is the store it confines queries to. */
export class StoreScopePlugin implements KyselyPlugin {
  readonly #transformer: StoreScopeTransformer

  constructor (readonly storeId: string) {
    this.#transformer = new StoreScopeTransformer(storeId)
  }

  transformQuery (args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node, args.queryId)
  }

  async transformResult (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result
  }
}

// Any database type: Kysely<DB> is invariant in DB, and these only read the executor's plugins.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function scopePlugin (db: Kysely<any>): StoreScopePlugin | undefined {
  return db.getExecutor().plugins.find((plugin): plugin is StoreScopePlugin => plugin instanceof StoreScopePlugin)
}

/**
 * The handle every repository call of one store goes through: every query it runs is confined to `storeId`.
 * Works on a database or a transaction (a transaction begun on it keeps the scope). A handle scoped to another
 * store is re-scoped (its other plugins kept); one already scoped to `storeId` is returned as it is.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any handle (Db, Transaction, a test's database)
export function forStore<H extends Kysely<any>> (db: H, storeId: string): H {
  if (storeId === '') throw new StoreScopeError('forStore: an empty store id')
  const current = scopePlugin(db)
  if (current?.storeId === storeId) return db
  let base = db
  if (current) {
    base = db.withoutPlugins() as H
    for (const plugin of db.getExecutor().plugins) if (plugin !== current) base = base.withPlugin(plugin) as H
  }
  return base.withPlugin(new StoreScopePlugin(storeId)) as H
}

/** The store a handle is confined to, or null for the root (unscoped) handle. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as forStore
export function storeScopeOf (db: Kysely<any>): string | null {
  return scopePlugin(db)?.storeId ?? null
}
