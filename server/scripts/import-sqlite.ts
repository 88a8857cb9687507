// `npm run import:sqlite -- <DATA_DIR>` (docs/operations.md, "Moving a restaurant to PostgreSQL"): copies one
// restaurant's SQLite database (DATA_DIR/tablepad.sqlite) and its uploaded photos into the empty PostgreSQL database
// DATABASE_URL names. Both are migrated first, so they have one schema; the copy is one PostgreSQL transaction (all
// or nothing), table by table in foreign-key order, and every table's row count is checked before the commit.
// Stop the SQLite server first: what it writes during the copy would not be copied.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { sql, type Kysely, type Transaction } from 'kysely'
import { ConfigError, loadConfig } from '../src/config.js'
import { DATABASE_FILE, migrate, openDatabase, openPostgres, type OpenedSqlite } from '../src/db/database.js'
import { describePostgresUrl } from '../src/db/postgres.js'
import { TYPE_OF_EXTENSION, UPLOAD_FILE_PATTERN, uploadsDir } from '../src/lib/image-uploads.js'

/** Kysely's own bookkeeping: each side has its own, written by its own migrate(). */
const MIGRATOR_TABLES = /^kysely_/
/**
 * Tables a migration fills by itself (settings: the diner hash salt; stores: the default store, 019). An empty
 * target still has these rows; they are replaced by the source's, which must win (the salt keeps returning diners
 * recognisable; the store keeps its name and settings). Every other row keeps the source's store_id: 'default'.
 */
const SEEDED_BY_MIGRATIONS = new Set(['settings', 'stores'])
/** PostgreSQL takes at most 65 535 parameters a statement; a batch stays well under. */
const PARAMETERS_PER_BATCH = 30_000

export class ImportRefused extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'ImportRefused'
  }
}

export interface ImportReport {
  /** Rows copied per table, in the order they were copied. */
  tables: Array<{ table: string, rows: number }>
  /** Uploaded photos copied into media_blobs. */
  photos: number
  /** Files in media/uploads whose bytes do not match their name (damaged): not copied. */
  skippedPhotos: string[]
}

type Row = Record<string, unknown>
/** Tables named at run time (whatever the source holds), so the schema's types do not apply here. */
type AnyTables = Record<string, Row>
type AnyDb = Kysely<AnyTables>

interface SourceTable {
  name: string
  columns: string[]
  /** Tables this one's foreign keys point at (itself excluded). */
  parents: string[]
}

function sourceTables (source: OpenedSqlite): SourceTable[] {
  const names = source.sqlite.prepare<[], { name: string }>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .all().map(row => row.name).filter(name => !MIGRATOR_TABLES.test(name))
  return names.map(name => ({
    name,
    columns: source.sqlite.prepare<[], { name: string }>(`select name from pragma_table_info('${name}') order by cid`).all().map(row => row.name),
    parents: [...new Set(source.sqlite.prepare<[], { table: string }>(`select "table" from pragma_foreign_key_list('${name}')`).all()
      .map(row => row.table).filter(parent => parent !== name))],
  }))
}

/** Parents before children (Kahn's algorithm); a cycle is a schema this script does not know how to copy. */
export function foreignKeyOrder (tables: readonly SourceTable[]): SourceTable[] {
  const ordered: SourceTable[] = []
  const done = new Set<string>()
  let rest = [...tables]
  while (rest.length > 0) {
    const ready = rest.filter(table => table.parents.every(parent => done.has(parent) || !tables.some(t => t.name === parent)))
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among ${rest.map(table => table.name).join(', ')}`)
    for (const table of ready) {
      ordered.push(table)
      done.add(table.name)
    }
    rest = rest.filter(table => !done.has(table.name))
  }
  return ordered
}

async function countRows (db: AnyDb, table: string): Promise<number> {
  const { rows } = await sql<{ count: number | string }>`select count(*) as count from ${sql.table(table)}`.execute(db)
  return Number(rows[0]!.count)
}

async function targetTables (db: AnyDb): Promise<Map<string, Set<string>>> {
  const { rows } = await sql<{ table_name: string, column_name: string }>`
    select table_name, column_name from information_schema.columns where table_schema = current_schema()`.execute(db)
  const tables = new Map<string, Set<string>>()
  for (const row of rows) {
    if (!tables.has(row.table_name)) tables.set(row.table_name, new Set())
    tables.get(row.table_name)!.add(row.column_name)
  }
  return tables
}

/** Refuses a target that holds anything beyond what its migrations wrote: the import never merges. */
async function requireEmpty (db: AnyDb, tables: Iterable<string>): Promise<void> {
  const filled: string[] = []
  for (const table of tables) {
    if (MIGRATOR_TABLES.test(table) || SEEDED_BY_MIGRATIONS.has(table)) continue
    const rows = await countRows(db, table)
    if (rows > 0) filled.push(`${table} (${rows})`)
  }
  if (filled.length > 0) throw new ImportRefused(`the target database is not empty: ${filled.join(', ')}; import:sqlite only fills a new, empty database`)
}

async function copyTable (source: OpenedSqlite, trx: Transaction<AnyTables>, table: SourceTable, targetColumns: Set<string>): Promise<number> {
  const missing = table.columns.filter(column => !targetColumns.has(column))
  if (missing.length > 0) throw new Error(`${table.name}: the target has no column ${missing.join(', ')} (is it migrated by the same version?)`)
  const batchSize = Math.max(1, Math.floor(PARAMETERS_PER_BATCH / table.columns.length))
  const columns = table.columns.map(column => `"${column}"`).join(', ')
  let batch: Row[] = []
  let copied = 0
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return
    await trx.insertInto(table.name).values(batch).execute()
    copied += batch.length
    batch = []
  }
  // rowid order: the order the rows were written in, so a row that refers to an older one of its table comes after it.
  for (const row of source.sqlite.prepare<[], Row>(`select ${columns} from "${table.name}" order by rowid`).iterate()) {
    batch.push(row)
    if (batch.length >= batchSize) await flush()
  }
  await flush()
  return copied
}

/**
 * Serial columns (bigserial ids, PostgreSQL-only) continue after the highest copied id, or the next insert would
 * collide with a copied row.
 */
async function advanceSequences (trx: Transaction<AnyTables>, tables: readonly string[]): Promise<void> {
  const { rows } = await sql<{ table_name: string, column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and (column_default like 'nextval(%' or is_identity = 'YES')`.execute(trx)
  for (const { table_name: table, column_name: column } of rows) {
    if (!tables.includes(table)) continue
    await sql`select setval(pg_get_serial_sequence(${table}, ${column}), coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(trx)
  }
}

/** The photos under DATA_DIR/media/uploads (SQLite keeps them as files), for media_blobs. */
function uploadedPhotos (dataDir: string): { photos: Array<{ hash: string, type: string, bytes: Buffer, createdAt: string }>, skipped: string[] } {
  const dir = uploadsDir(dataDir)
  if (!existsSync(dir)) return { photos: [], skipped: [] }
  const pattern = new RegExp(UPLOAD_FILE_PATTERN)
  const photos = []
  const skipped = []
  for (const name of readdirSync(dir).filter(file => pattern.test(file)).sort()) {
    const bytes = readFileSync(join(dir, name))
    const hash = name.slice(0, 64)
    if (createHash('sha256').update(bytes).digest('hex') !== hash) {
      skipped.push(name)
      continue
    }
    photos.push({ hash, type: TYPE_OF_EXTENSION[name.slice(65)]!, bytes, createdAt: statSync(join(dir, name)).mtime.toISOString() })
  }
  return { photos, skipped }
}

/** The whole import; throws ImportRefused when the target is not empty, and leaves the target untouched on any failure. */
export async function importSqlite (dataDir: string, databaseUrl: string, poolMax = 2): Promise<ImportReport> {
  const file = join(dataDir, DATABASE_FILE)
  if (!existsSync(file)) throw new ImportRefused(`${file} does not exist: give the DATA_DIR of the restaurant to import`)
  const source = openDatabase(dataDir)
  try {
    // The same upgrade the server would make at its next start: both sides then have one schema.
    await migrate(source.db)
    const tables = foreignKeyOrder(sourceTables(source))
    const target = await openPostgres(databaseUrl, poolMax)
    try {
      const db = target.db as unknown as AnyDb
      // Checked before migrating, so a wrong DATABASE_URL (another application's database) is not given our tables.
      const foreign = [...(await targetTables(db)).keys()].filter(table => !MIGRATOR_TABLES.test(table) && !tables.some(t => t.name === table))
      if (foreign.length > 0) throw new ImportRefused(`the target database has tables that are not Tablepad's (${foreign.sort().join(', ')}): give a new, empty database`)
      await migrate(target.db)
      const columns = await targetTables(db)
      await requireEmpty(db, columns.keys())
      const absent = tables.filter(table => !columns.has(table.name))
      if (absent.length > 0) throw new Error(`the target has no table ${absent.map(table => table.name).join(', ')}`)
      const { photos, skipped } = uploadedPhotos(dataDir)
      // One snapshot of the source: every table is read as of the same instant.
      source.sqlite.exec('begin')
      try {
        const report = await db.transaction().execute(async (trx) => {
          const copied: ImportReport['tables'] = []
          for (const table of tables) {
            if (SEEDED_BY_MIGRATIONS.has(table.name)) await trx.deleteFrom(table.name).execute()
            copied.push({ table: table.name, rows: await copyTable(source, trx, table, columns.get(table.name)!) })
          }
          await advanceSequences(trx, tables.map(table => table.name))
          let photosAdded = 0
          for (const photo of photos) {
            const added = await trx.insertInto('media_blobs').values({ hash: photo.hash, type: photo.type, bytes: photo.bytes, created_at: photo.createdAt })
              .onConflict(oc => oc.column('hash').doNothing()).executeTakeFirst()
            photosAdded += Number(added.numInsertedOrUpdatedRows ?? 0n)
          }
          // Verified before the commit: a count that differs undoes the whole import.
          for (const { table, rows } of copied) {
            const expected = source.sqlite.prepare<[], { count: number }>(`select count(*) as count from "${table}"`).get()!.count
            const found = await countRows(trx, table) - (table === 'media_blobs' ? photosAdded : 0)
            if (rows !== expected || found !== expected) throw new Error(`${table}: ${expected} rows in SQLite, ${rows} copied, ${found} in PostgreSQL`)
          }
          return { tables: copied, photos: photos.length, skippedPhotos: skipped }
        })
        return report
      } finally {
        source.sqlite.exec('rollback')
      }
    } finally {
      await target.close()
    }
  } finally {
    await source.close()
  }
}

async function main (argv: readonly string[]): Promise<number> {
  const dataDirArgument = argv[0]
  if (argv.length !== 1 || !dataDirArgument || dataDirArgument.startsWith('-')) {
    process.stderr.write('usage: DATABASE_URL=postgres://… npm run import:sqlite -- <DATA_DIR>\n')
    return 2
  }
  const dataDir = resolve(dataDirArgument)
  let databaseUrl: string | null
  try {
    // Validated as the server validates it (one line naming the variable on a mistake).
    databaseUrl = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL }).databaseUrl
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`)
      return 1
    }
    throw error
  }
  if (databaseUrl === null) {
    process.stderr.write('Configuration error: DATABASE_URL: is required (the PostgreSQL database to import into)\n')
    return 1
  }
  process.stdout.write(`importing ${join(dataDir, DATABASE_FILE)} into ${describePostgresUrl(databaseUrl)}\n`)
  try {
    const report = await importSqlite(dataDir, databaseUrl)
    for (const { table, rows } of report.tables) process.stdout.write(`  ${table.padEnd(28)} ${String(rows).padStart(8)} rows\n`)
    process.stdout.write(`  ${'photos (media_blobs)'.padEnd(28)} ${String(report.photos).padStart(8)}\n`)
    for (const name of report.skippedPhotos) process.stdout.write(`  skipped ${name}: its bytes do not match its name (damaged file)\n`)
    process.stdout.write('done: every row count matches\n')
    return 0
  } catch (error) {
    process.stderr.write(`import:sqlite ${error instanceof ImportRefused ? 'refused' : 'failed (nothing was written)'}: ${(error as Error).message}\n`)
    return 1
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(code => { process.exitCode = code }, (error: unknown) => {
    process.stderr.write(`import:sqlite failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`)
    process.exitCode = 1
  })
}
