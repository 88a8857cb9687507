// 019: many restaurants (stores) in one database (issue 16 phase B). A `stores` table, and `store_id` on every
// table whose rows belong to one store; what was there becomes the default store's. Natural keys (a setting's key,
// a table's label, an order's number, a day's date, a diner's Alipay id) become unique per store; random ids and
// global secrets (ids, table codes, token hashes, out_request_no) stay unique across the database.
// SQLite keeps `default 'default'` on store_id (it only ever holds the default store); PostgreSQL has no default,
// so an insert that forgets its store fails loudly. staff.store_id is NULL for a chain owner and devices.store_id
// NULL until the device is paired: both nullable (an owner or an unpaired device is written with store_id null).
import { sql, type Kysely } from 'kysely'
import { databaseKind } from '../dialect.js'

const DEFAULT_STORE = 'default'

/** The store-scoped tables as of this migration (frozen here: store-scope.ts's list may grow later). */
const SCOPED = [
  'settings', 'staff', 'staff_sessions', 'tables', 'devices', 'categories', 'items', 'option_groups', 'options',
  'orders', 'order_lines', 'payments', 'payment_events', 'refunds', 'alerts', 'diners', 'diner_sessions',
  'oauth_states', 'checks', 'check_diners', 'payment_orders', 'menu_availability_events', 'business_days',
  'business_day_log', 'bill_reconciliations', 'bill_reconciliation_alerts', 'sales_days', 'printers', 'print_jobs',
  'events',
]

/** Nullable store_id (see the file's comment). */
const NULLABLE = new Set(['staff', 'devices'])

/**
 * A natural key made per store: the unique columns before, and the name of the key after, (…, store_id). Unique
 * per store whatever the order; store_id last so the key's index still serves a lookup by the natural key alone
 * (see STORE_INDEXES). ON CONFLICT (store_id, …) finds it: a conflict target names a unique index's columns in any order.
 */
interface PerStoreKey { table: string, columns: string[], name: string, primary: boolean }

const PER_STORE_KEYS: PerStoreKey[] = [
  { table: 'settings', columns: ['key'], name: 'settings_pk', primary: true },
  { table: 'tables', columns: ['label'], name: 'tables_store_label', primary: false },
  { table: 'orders', columns: ['number'], name: 'orders_store_number', primary: false },
  { table: 'diners', columns: ['alipay_user_id'], name: 'diners_store_alipay_user_id', primary: false },
  { table: 'diners', columns: ['alipay_open_id'], name: 'diners_store_alipay_open_id', primary: false },
  { table: 'business_days', columns: ['date'], name: 'business_days_pk', primary: true },
  { table: 'bill_reconciliations', columns: ['date'], name: 'bill_reconciliations_pk', primary: true },
  { table: 'bill_reconciliation_alerts', columns: ['date', 'mismatch_key'], name: 'bill_reconciliation_alerts_pk', primary: true },
  { table: 'sales_days', columns: ['timezone', 'date'], name: 'sales_days_pk', primary: true },
]

/**
 * A scoped handle prepends store_id to every ON CONFLICT target (store-scope.ts), so each target used on a
 * store-scoped table needs a unique index on (target, store_id). These targets' columns stay globally unique too.
 */
const CONFLICT_TARGETS: Array<{ table: string, columns: string[], name: string }> = [
  { table: 'tables', columns: ['code'], name: 'tables_store_code' },
]

/**
 * Indexes of a store's hot reads, remade with store_id at their end (same names): a store's queries all carry
 * `store_id = ?` (store-scope.ts), which the index then checks without visiting the table, so an index a report
 * reads without visiting the table (covering) still covers. Never first, here or in the per-store keys above:
 * SQLite plans without statistics, and given an index that begins with store_id it takes `store_id = ?` (every
 * row of its one store) for a selective condition, preferring it to the index of the id the query looks up.
 */
const STORE_INDEXES: Array<{ table: string, name: string, columns: string[], where?: string }> = [
  { table: 'orders', name: 'orders_status_created', columns: ['status', 'created_at', 'store_id'] },
  { table: 'orders', name: 'orders_created_number', columns: ['created_at', 'number', 'store_id'] },
  { table: 'orders', name: 'orders_paid_at', columns: ['paid_at', 'number', 'status', 'total', 'table_id', 'check_id', 'diner_id', 'id', 'store_id'], where: 'paid_at' },
  { table: 'orders', name: 'orders_diner_paid_at', columns: ['diner_id', 'paid_at', 'store_id'], where: 'diner_id' },
  { table: 'order_lines', name: 'order_lines_sales', columns: ['order_id', 'item_id', 'quantity', 'line_total', 'store_id'] },
  { table: 'payments', name: 'payments_paid_at', columns: ['paid_at', 'status', 'method', 'amount', 'store_id'], where: 'paid_at' },
  { table: 'payments', name: 'payments_created_at', columns: ['created_at', 'store_id'] },
  { table: 'refunds', name: 'refunds_succeeded_at', columns: ['succeeded_at', 'store_id'], where: 'succeeded_at' },
  { table: 'menu_availability_events', name: 'menu_availability_events_at', columns: ['at', 'store_id'] },
  { table: 'business_day_log', name: 'business_day_log_date', columns: ['date', 'id', 'store_id'] },
  { table: 'alerts', name: 'alerts_open', columns: ['acknowledged_at', 'created_at', 'store_id'] },
]

/**
 * PostgreSQL plans with statistics, so there a store's hot list may lead with store_id: the orders board (a
 * store's open orders by status), the one list every store's staff keep open.
 */
const POSTGRES_STORE_LED_INDEXES: Array<{ table: string, name: string, columns: string[] }> = [
  { table: 'orders', name: 'orders_store_status_created', columns: ['store_id', 'status', 'created_at'] },
]

export async function up (db: Kysely<unknown>): Promise<void> {
  const postgres = databaseKind(db) === 'postgres'
  await sql`create table stores (
    id text primary key,
    slug text not null unique,
    name text not null,
    sealed_settings text,
    created_at text not null
  )${postgres ? sql`` : sql` strict`}`.execute(db)
  await sql`insert into stores (id, slug, name, sealed_settings, created_at)
    values (${DEFAULT_STORE}, ${DEFAULT_STORE}, '', null, ${new Date().toISOString()})`.execute(db)

  if (postgres) await upPostgres(db)
  else await upSqlite(db)

  for (const target of CONFLICT_TARGETS) {
    await db.schema.createIndex(target.name).unique().on(target.table).columns([...target.columns, 'store_id']).execute()
  }
  for (const index of STORE_INDEXES) {
    await db.schema.dropIndex(index.name).execute()
    const create = db.schema.createIndex(index.name).on(index.table).columns(index.columns)
    await (index.where === undefined ? create : create.where(sql.ref(index.where), 'is not', null)).execute()
  }
  if (postgres) {
    for (const index of POSTGRES_STORE_LED_INDEXES) await db.schema.createIndex(index.name).on(index.table).columns(index.columns).execute()
  }
}

async function upPostgres (db: Kysely<unknown>): Promise<void> {
  for (const table of SCOPED) {
    // A constant default fills existing rows without rewriting the table; then dropped (see the file's comment).
    await sql`alter table ${sql.table(table)} add column store_id text ${NULLABLE.has(table) ? sql`` : sql`not null`} default ${sql.lit(DEFAULT_STORE)}`.execute(db)
    await sql`alter table ${sql.table(table)} alter column store_id drop default`.execute(db)
  }
  await sql`update devices set store_id = null where paired_at is null`.execute(db)
  for (const key of PER_STORE_KEYS) {
    await sql`alter table ${sql.table(key.table)} drop constraint ${sql.id(await pgUniqueConstraint(db, key.table, key.columns))}`.execute(db)
    const columns = sql.join([...key.columns, 'store_id'].map(column => sql.id(column)))
    await sql`alter table ${sql.table(key.table)} add constraint ${sql.id(key.name)} ${key.primary ? sql`primary key` : sql`unique`} (${columns})`.execute(db)
  }
  await sql`alter table staff drop constraint ${sql.id(await pgCheckConstraint(db, 'staff', 'role'))}`.execute(db)
  await sql`alter table staff add constraint staff_role check (role in ('manager', 'staff', 'owner'))`.execute(db)
  await sql`alter table staff add constraint staff_owner_has_no_store check ((role = 'owner') = (store_id is null))`.execute(db)
}

/** The name of the primary key or unique constraint on exactly `columns` (in order) of `table`. */
async function pgUniqueConstraint (db: Kysely<unknown>, table: string, columns: string[]): Promise<string> {
  const { rows } = await sql<{ name: string, columns: string[] }>`
    select c.conname as name, array(select a.attname from unnest(c.conkey) with ordinality k(attnum, n)
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.n)::text[] as columns
    from pg_constraint c where c.conrelid = ${table}::regclass and c.contype in ('p', 'u')`.execute(db)
  const found = rows.find(row => row.columns.join(',') === columns.join(','))
  if (!found) throw new Error(`019: no unique constraint on ${table} (${columns.join(', ')})`)
  return found.name
}

/** The name of the check constraint on `table` that mentions `column`. */
async function pgCheckConstraint (db: Kysely<unknown>, table: string, column: string): Promise<string> {
  const { rows } = await sql<{ name: string, definition: string }>`
    select conname as name, pg_get_constraintdef(oid) as definition
    from pg_constraint where conrelid = ${table}::regclass and contype = 'c'`.execute(db)
  const found = rows.find(row => row.definition.includes(column))
  if (!found) throw new Error(`019: no check constraint on ${table}.${column}`)
  return found.name
}

// ---------------------------------------------------------------------------------------------------------
// SQLite cannot drop a constraint: the tables whose keys change (and staff, whose role check does) are rebuilt
// from their own CREATE statement with the edits below; the rest get the column by ALTER TABLE. database.ts
// runs this with foreign keys unenforced inside one transaction and checks them before the commit.

/** Text edits of a table's CREATE statement: each `from` must be found exactly once. */
const REBUILDS: Record<string, Array<{ from: string, to: string }>> = {
  settings: [{ from: '"key" text primary key', to: '"key" text not null' }],
  tables: [{ from: '"label" text not null unique', to: '"label" text not null' }],
  orders: [{ from: '"number" integer not null unique', to: '"number" integer not null' }],
  diners: [
    { from: '"alipay_user_id" text unique', to: '"alipay_user_id" text' },
    { from: '"alipay_open_id" text unique', to: '"alipay_open_id" text' },
  ],
  business_days: [{ from: '"date" text primary key', to: '"date" text not null' }],
  bill_reconciliations: [{ from: '"date" text primary key', to: '"date" text not null' }],
  bill_reconciliation_alerts: [{ from: 'constraint "bill_reconciliation_alerts_pk" primary key ("date", "mismatch_key")', to: '' }],
  sales_days: [{ from: 'constraint "sales_days_pk" primary key ("timezone", "date")', to: '' }],
  staff: [{ from: `check (role in ('manager', 'staff'))`, to: `check (role in ('manager', 'staff', 'owner'))` }],
}

/** Table constraints the rebuilt tables gain (besides PER_STORE_KEYS). */
const EXTRA_CONSTRAINTS: Record<string, string[]> = {
  staff: [`constraint "staff_owner_has_no_store" check ((role = 'owner') = (store_id is null))`],
}

async function upSqlite (db: Kysely<unknown>): Promise<void> {
  for (const table of SCOPED) {
    if (REBUILDS[table]) await rebuildSqlite(db, table)
    else {
      await sql`alter table ${sql.table(table)} add column store_id text ${NULLABLE.has(table) ? sql`` : sql`not null`} default ${sql.lit(DEFAULT_STORE)}`.execute(db)
    }
  }
  await sql`update devices set store_id = null where paired_at is null`.execute(db)
}

function storeColumnSql (table: string): string {
  return `"store_id" text default '${DEFAULT_STORE}'${NULLABLE.has(table) ? '' : ' not null'}`
}

async function rebuildSqlite (db: Kysely<unknown>, table: string): Promise<void> {
  const { rows } = await sql<{ type: string, sql: string }>`select type, sql from sqlite_master
    where tbl_name = ${table} and sql is not null order by type desc`.execute(db)
  const create = rows.find(row => row.type === 'table')?.sql
  if (!create) throw new Error(`019: no table ${table}`)
  const indexes = rows.filter(row => row.type === 'index').map(row => row.sql)
  const rebuilt = `${table}_rebuilt`
  const head = `CREATE TABLE "${table}" (`
  if (!create.startsWith(head)) throw new Error(`019: unexpected definition of ${table}: ${create}`)
  let body = create.slice(head.length)
  for (const edit of REBUILDS[table]!) {
    if (body.split(edit.from).length !== 2) throw new Error(`019: "${edit.from}" not found once in ${table}: ${create}`)
    body = body.replace(edit.from, edit.to)
  }
  body = body.replace(/,\s*\)/, ')') // a table constraint removed from the end leaves its comma
  const added = PER_STORE_KEYS.filter(key => key.table === table).map(key =>
    `constraint "${key.name}" ${key.primary ? 'primary key' : 'unique'} (${[...key.columns, 'store_id'].map(column => `"${column}"`).join(', ')})`)
  added.push(...(EXTRA_CONSTRAINTS[table] ?? []))
  const close = body.lastIndexOf(')')
  body = `${body.slice(0, close)}${added.map(constraint => `, ${constraint}`).join('')}${body.slice(close)}`
  await sql.raw(`CREATE TABLE "${rebuilt}" (${storeColumnSql(table)}, ${body}`).execute(db)
  const { rows: columns } = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)
  const list = sql.join(columns.map(column => sql.id(column.name)))
  await sql`insert into ${sql.table(rebuilt)} (${list}, store_id) select ${list}, ${DEFAULT_STORE} from ${sql.table(table)}`.execute(db)
  await sql`drop table ${sql.table(table)}`.execute(db)
  await sql`alter table ${sql.table(rebuilt)} rename to ${sql.table(table)}`.execute(db)
  for (const index of indexes) await sql.raw(index).execute(db)
}
