// `npm run import:sqlite -- <DATA_DIR>`: a restaurant's SQLite data (orders, a paid payment, staff, a photo) moved
// into an empty PostgreSQL database, where a server then reads the very same orders; a second import is refused.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildApp, type App } from '../../src/app.js'
import { uploadsDir } from '../../src/lib/image-uploads.js'
import { TEST_STAFF_PIN, tempDataDir, testConfig } from '../helper.js'
import { dropCreatedDatabases, freshPgDatabase, queryOn } from '../pg.js'
import { pairedTablet, payAtAlipay, placedOrder, startApp, startQr, stopApp, until } from '../payments/fixtures.js'

const ROOT = resolve(import.meta.dirname, '../../..')

afterAll(dropCreatedDatabases)


/** The script as `npm run import:sqlite` runs it (tsx), with DATABASE_URL in its environment. */
async function runImport (dataDir: string, databaseUrl: string): Promise<{ code: number | null, stdout: string, stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl }
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/scripts/import-sqlite.ts'), dataDir], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8') })
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8') })
  const code = await new Promise<number | null>(resolveExit => child.once('exit', resolveExit))
  return { code, stdout, stderr }
}

/** A PNG's signature and a few bytes: enough for the upload check, named by its hash as uploads are. */
function writePhoto (dataDir: string): string {
  const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('a dish photo')])
  const name = `${createHash('sha256').update(bytes).digest('hex')}.png`
  mkdirSync(uploadsDir(dataDir), { recursive: true })
  writeFileSync(join(uploadsDir(dataDir), name), bytes)
  return name
}

type Row = Record<string, unknown>

/** A table's rows in one portable order (every table here has a text id, or an (order_id, line_no) key). */
async function rowsOf (app: App, table: 'orders' | 'order_lines' | 'payments' | 'staff'): Promise<Row[]> {
  const rows = await app.db.selectFrom(table).selectAll().execute() as Row[]
  const key = (row: Row): string => table === 'order_lines' ? `${String(row.order_id)}/${String(row.line_no).padStart(3, '0')}` : String(row.id)
  // Who holds a payment's lease is the running process's business: the SQLite server hands it back when it stops.
  return rows.map(({ lease_owner: _owner, lease_until: _until, ...rest }) => rest).sort((x, y) => key(x).localeCompare(key(y)))
}

describe('npm run import:sqlite', () => {
  it('copies a restaurant into an empty PostgreSQL database, where a server reads the same orders; a filled or foreign target is refused', async () => {
    // The restaurant on SQLite: a tablet, a paid order, an unpaid one, a photo.
    const running = await startApp({ DATABASE_URL: '', LOG_LEVEL: 'error' })
    const sqliteApp = running.app
    expect(sqliteApp.database.kind).toBe('sqlite')
    const tablet = await pairedTablet(sqliteApp)
    const openTablet = await pairedTablet(sqliteApp)
    const paidOrder = await placedOrder(sqliteApp, tablet, 4_280)
    const { status: qrStatus, body: payment } = await startQr(running.base, tablet, paidOrder)
    expect(qrStatus, JSON.stringify(payment)).toBe(201)
    expect(await payAtAlipay(running.base, payment.id)).toBe(200)
    await until(async () => (await sqliteApp.db.selectFrom('orders').select('status').where('id', '=', paidOrder).executeTakeFirst())?.status === 'paid', 10_000, 'the order paid')
    // Another table's order, still open.
    const openOrder = await placedOrder(sqliteApp, openTablet, 1_800)
    const photo = writePhoto(running.dataDir)
    const before = {
      orders: await rowsOf(sqliteApp, 'orders'),
      lines: await rowsOf(sqliteApp, 'order_lines'),
      payments: await rowsOf(sqliteApp, 'payments'),
      staff: await rowsOf(sqliteApp, 'staff'),
    }
    await stopApp(sqliteApp)

    const target = await freshPgDatabase()
    const imported = await runImport(running.dataDir, target.url)
    expect(imported.stderr).toBe('')
    expect(imported.code).toBe(0)
    expect(imported.stdout).toMatch(/orders\s+2 rows/)
    expect(imported.stdout).toMatch(/photos \(media_blobs\)\s+1\n/)
    expect(imported.stdout).toContain('every row count matches')

    // Nothing merges into a database that has data.
    const again = await runImport(running.dataDir, target.url)
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/refused: the target database is not empty: .*orders \(2\)/)

    // Another application's database is refused before anything is created in it.
    const foreign = await freshPgDatabase()
    await queryOn(foreign.url, 'create table invoices (id integer primary key)')
    const refused = await runImport(running.dataDir, foreign.url)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/refused: the target database has tables that are not Tablepad's \(invoices\)/)
    expect(await queryOn(foreign.url, "select table_name from information_schema.tables where table_schema = 'public'")).toEqual([{ table_name: 'invoices' }])

    // A server on PostgreSQL (its own, empty DATA_DIR) has the restaurant as it was.
    const pgApp = await buildApp({ config: testConfig({ DATA_DIR: tempDataDir(), DATABASE_URL: target.url }) })
    try {
      await pgApp.ready()
      expect(pgApp.database.kind).toBe('postgres')
      expect(await rowsOf(pgApp, 'orders')).toEqual(before.orders)
      expect(await rowsOf(pgApp, 'order_lines')).toEqual(before.lines)
      expect(await rowsOf(pgApp, 'payments')).toEqual(before.payments)
      expect(await rowsOf(pgApp, 'staff')).toEqual(before.staff)
      const order = await pgApp.inject({ method: 'GET', url: `/api/orders/${paidOrder}`, headers: { cookie: tablet.cookie } })
      expect(order.statusCode, order.body).toBe(200)
      expect(order.json()).toMatchObject({ id: paidOrder, status: 'paid', total: 4_280 })
      const open = await pgApp.inject({ method: 'GET', url: `/api/orders/${openOrder}`, headers: { cookie: openTablet.cookie } })
      expect(open.json()).toMatchObject({ id: openOrder, status: 'placed' })
      // The same staff PIN signs in, and the photo is served from the database.
      expect((await pgApp.inject({ method: 'POST', url: '/api/staff/session', payload: { pin: TEST_STAFF_PIN } })).statusCode).toBe(200)
      const picture = await pgApp.inject({ method: 'GET', url: `/media/uploads/${photo}` })
      expect(picture.statusCode).toBe(200)
      expect(picture.rawPayload.subarray(8).toString()).toBe('a dish photo')
    } finally {
      await pgApp.close()
    }
  }, 120_000)
})
