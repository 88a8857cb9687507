// Fills a DATA_DIR with a year of a busy restaurant: the server's migrations and demo seed first (its own
// functions, as at start), then the generated days written in large transactions, then the emulator's ledger.
import { join } from 'node:path'
import type { AppConfig } from '../../src/config.js'
import { migrate, openDatabase } from '../../src/db/database.js'
import { DEFAULT_STORE_ID, forStore } from '../../src/db/store-scope.js'
import { DINER_HASH_SALT_KEY, newDinerHashSalt } from '../../src/diners/diner-hash.js'
import { loadSandboxCredentials } from '../../src/payments/sandbox-credentials.js'
import { beijingDayBounds } from '../../src/reconciliation/bill-day.js'
import { addDays, eachDay, isoWeekday, localDayStartMs, todayIn } from '../../src/reports/report-dates.js'
import { loadMenuContent } from '../../src/repositories/menu.js'
import { forgetSalesDays } from '../../src/repositories/sales-days.js'
import { getSetting, setSetting } from '../../src/repositories/settings.js'
import { seedDemo } from '../../src/seed/demo-seed.js'
import { DinerPool } from './diner-pool.js'
import { EmulatorLedger } from './emulator-ledger.js'
import { NOT_PAID_REASON } from './history-check.js'
import { writeHistoryStaff } from './history-staff.js'
import { buildDay, type HistoryContext } from './history-day.js'
import { MenuPicker } from './menu-picker.js'
import { Random } from './random.js'
import type { DayRecords } from './records.js'
import { HistoryWriter } from './writer.js'

export interface HistoryOptions {
  /** Days of history, ending with `lastDay`. */
  days: number
  /** The last day generated (store-local YYYY-MM-DD); default yesterday in the store's time zone. */
  lastDay?: string
  seed: number
  ordersPerDay: number
  /** Add to a DATA_DIR that already has orders. */
  force: boolean
  /**
   * The last days whose trades the built-in emulator (sandbox-local) learns, so its bills of those days match
   * the history; earlier days have no bill. Default 31: a year of trades would cost the emulator ~85 MB of heap
   * and seconds at every start. 0 leaves its ledger alone (measurements of Tablepad alone).
   */
  emulatorDays?: number
}

export const DEFAULT_EMULATOR_DAYS = 31

export interface HistorySummary {
  from: string
  to: string
  orders: number
  lines: number
  payments: number
  refunds: number
  cancelled: number
  /** Of the cancelled: orders left unpaid, cancelled by staff at the end of their day. */
  unpaid: number
  checks: number
  diners: number
  soldOutEvents: number
  gross: number
  currency: string
  /** The emulator's trades written (sandbox-local), or null when its ledger was left alone or the gateway is a real Alipay. */
  emulatorTrades: number | null
  /** The first bill day (Beijing) the emulator's ledger covers, when written. */
  emulatorFrom: string | null
  seconds: number
}

export class HistoryRefusedError extends Error {}

/** Days written per transaction: big enough that commits cost nothing, small enough to show progress. */
const DAYS_PER_TRANSACTION = 31

export async function generateHistory (config: AppConfig, options: HistoryOptions, progress: (message: string) => void = () => {}): Promise<HistorySummary> {
  const started = Date.now()
  const { db: root, sqlite } = openDatabase(config.dataDir)
  // SQLite holds the default store only: the history is its, written through its handle (which stamps store_id).
  const db = forStore(root, DEFAULT_STORE_ID)
  // Ids are random, so every index insert lands on a random page: a page cache that holds the indexes keeps a
  // year's inserts in memory instead of re-reading pages (this connection only; the server keeps its own).
  sqlite.pragma('cache_size = -131072')
  try {
    await migrate(root)
    const seeded = await seedDemo(db, config.demoSeed, config.store.currency)
    if (seeded.seeded) progress(`demo menu seeded: ${seeded.dishes} dishes, ${seeded.tables} tables`)
    const existing = sqlite.prepare('select count(*) as n from orders').get() as { n: number }
    if (existing.n > 0 && !options.force) {
      throw new HistoryRefusedError(`${config.dataDir} already has ${existing.n} orders: use another DATA_DIR, or --force to add a history to them`)
    }
    const menu = await loadMenuContent(db)
    const tables = sqlite.prepare('select id, label, seats from tables where removed_at is null order by sort, label').all() as HistoryContext['tables']
    if (menu.items.length === 0 || tables.length === 0) throw new HistoryRefusedError('the database has no menu or no tables (DEMO_SEED=false?): the history orders from the demo restaurant')
    const salt = await getSetting(db, DINER_HASH_SALT_KEY) ?? await (async () => {
      const fresh = newDinerHashSalt()
      await setSetting(db, DINER_HASH_SALT_KEY, fresh)
      return fresh
    })()

    const lastDay = options.lastDay ?? addDays(todayIn(config.store.timezone), -1)
    const firstDay = addDays(lastDay, 1 - options.days)
    const emulatorDays = options.emulatorDays ?? DEFAULT_EMULATOR_DAYS
    // Bill days are Beijing days, whatever the store's zone; the window shapes the history (see ledgerFromMs) even
    // without an emulator, so the same options always make the same history.
    const emulatorFrom = emulatorDays === 0 ? null : addDays(lastDay, 1 - Math.min(emulatorDays, options.days))
    const ledgerFromMs = emulatorFrom === null ? null : Date.parse(beijingDayBounds(emulatorFrom).from)
    const lastOrderNumber = Number(await getSetting(db, 'order_number') ?? 0)
    // Over existing orders (--force) the seed is moved by them, so the ids made cannot be those of an earlier run.
    const random = new Random(lastOrderNumber === 0 ? options.seed : (options.seed + Math.imul(lastOrderNumber, 2_654_435_761)) >>> 0)
    const ctx: HistoryContext = {
      settings: {
        timezone: config.store.timezone,
        currency: config.store.currency,
        storeName: config.store.name,
        sandboxUrl: `${config.publicUrl}/sandbox`,
        qrTimeoutS: config.paymentQrTimeoutS,
        ordersPerDay: options.ordersPerDay,
        endMs: localDayStartMs(addDays(lastDay, 1), config.store.timezone),
        ledgerFromMs,
      },
      random,
      tables,
      picker: new MenuPicker(menu.items, random),
      diners: new DinerPool(random, Math.max(200, Math.round(options.ordersPerDay * options.days * 0.05)), salt),
      orderNumber: lastOrderNumber,
    }
    const sandbox = config.alipay.mode === 'sandbox-local' && ledgerFromMs !== null ? loadSandboxCredentials(config.dataDir) : null
    const ledger = sandbox === null || ledgerFromMs === null
      ? null
      : new EmulatorLedger({ sellerId: sandbox.sellerId, notifyUrl: `http://127.0.0.1:${config.port}/api/alipay/notify`, currency: config.store.currency, fromMs: ledgerFromMs })

    await writeHistoryStaff(sqlite, new Date(localDayStartMs(firstDay, config.store.timezone)).toISOString(), new Date(ctx.settings.endMs).toISOString())
    const writer = new HistoryWriter(sqlite)
    const days = eachDay(firstDay, lastDay)
    const firstOfYear = (date: string): number => Math.round((Date.parse(date) - Date.parse(`${date.slice(0, 4)}-01-01`)) / 86_400_000)
    let batch: DayRecords[] = []
    for (const [index, date] of days.entries()) {
      const records = buildDay(ctx, date, isoWeekday(date), firstOfYear(date))
      ledger?.addDay(records)
      batch.push(records)
      if (batch.length === DAYS_PER_TRANSACTION || index === days.length - 1) {
        writer.write(batch)
        batch = []
        progress(`${date}: ${index + 1} of ${days.length} days written`)
      }
    }
    writer.finish(ctx.diners.records(), ctx.orderNumber)
    // The history is sales in days that are over: the figures the sales report kept of those days are stale.
    await forgetSalesDays(db)
    if (ledger !== null) {
      progress(`the emulator's ledger: ${ledger.size} trades`)
      ledger.save(join(config.dataDir, 'alipay-sandbox', 'state.json'))
    }
    return {
      ...summarize(sqlite, firstDay, lastDay),
      currency: config.store.currency,
      emulatorTrades: ledger?.size ?? null,
      emulatorFrom: ledger === null ? null : emulatorFrom,
      seconds: (Date.now() - started) / 1000,
    }
  } finally {
    await root.destroy()
  }
}

function summarize (sqlite: ReturnType<typeof openDatabase>['sqlite'], from: string, to: string): Omit<HistorySummary, 'currency' | 'emulatorTrades' | 'emulatorFrom' | 'seconds'> {
  const count = (query: string, ...params: string[]): number => (sqlite.prepare(query).get(...params) as { n: number | null }).n ?? 0
  return {
    from,
    to,
    orders: count('select count(*) as n from orders'),
    lines: count('select count(*) as n from order_lines'),
    payments: count('select count(*) as n from payments'),
    refunds: count('select count(*) as n from refunds'),
    cancelled: count(`select count(*) as n from orders where status = 'cancelled'`),
    unpaid: count(`select count(*) as n from orders where status = 'cancelled' and paid_at is null and cancel_reason = ?`, NOT_PAID_REASON),
    checks: count('select count(*) as n from checks'),
    diners: count('select count(*) as n from diners'),
    soldOutEvents: count('select count(*) as n from menu_availability_events where available = 0'),
    gross: count(`select sum(total) as n from orders where paid_at is not null and status <> 'cancelled'`),
  }
}
