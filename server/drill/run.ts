// `npm run drill`: N simulated tablets order and pay against a real server process and a standalone
// Alipay emulator while the emulator injects faults and the server is SIGKILLed and restarted; then
// the emulator's ledger and the database must agree (README "Drills").
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { DatabaseView } from './database-view.js'
import { EmulatorClient } from './emulator-client.js'
import { FaultSchedule } from './fault-schedule.js'
import { compare } from './ledger-check.js'
import { parseDrillOptions, type DrillOptions } from './options.js'
import { freePort } from '../src/lib/free-port.js'
import { ServerProcess, startEmulator, type Emulator } from './processes.js'
import { Random } from './random.js'
import { countRows, table } from './report.js'
import { sleep } from './retry.js'
import { waitUntilQuiet } from './settle.js'
import { StaffClient } from './staff-client.js'
import { Supervisor } from './supervisor.js'
import { Tablet, type TabletRecord } from './tablet.js'
import { TrafficStats } from './traffic-stats.js'

const STAFF_PIN = '135790'

function serverEnv (port: number, dataDir: string, emulator: Emulator): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    STAFF_PIN,
    DEMO_SEED: 'true',
    LOG_LEVEL: 'warn',
    ALIPAY_MODE: 'alipay-sandbox',
    ALIPAY_GATEWAY: emulator.gateway,
    ALIPAY_APP_ID: emulator.appId,
    ALIPAY_SELLER_ID: emulator.sellerId,
    ALIPAY_PRIVATE_KEY_FILE: emulator.merchantPrivateKeyFile,
    ALIPAY_PUBLIC_KEY_FILE: emulator.alipayPublicKeyFile,
    // A timed-out gateway call is given up quickly, so an unknown outcome comes often and soon.
    ALIPAY_TIMEOUT_MS: '1500',
    // The shortest QR life the server allows: diners who walk away are settled within the drill.
    PAYMENT_QR_TIMEOUT_S: '30',
  }
}

async function drill (options: DrillOptions, workDir: string): Promise<boolean> {
  const random = new Random(options.seed)
  const started = Date.now()
  const dataDir = join(workDir, 'data')
  mkdirSync(dataDir)
  const emulator = await startEmulator(join(workDir, 'emulator.log'))
  const port = await freePort()
  const server = new ServerProcess(port, serverEnv(port, dataDir, emulator), join(workDir, 'server.log'))
  const supervisor = new Supervisor(server, random.fork(), options.crashPoint)
  const emulatorClient = new EmulatorClient(emulator.baseUrl)
  const faults = new FaultSchedule(emulatorClient, random.fork(), options.faultRate)
  const stats = new TrafficStats()
  let db: DatabaseView | undefined
  try {
    await supervisor.start()
    db = new DatabaseView(dataDir)
    const staff = new StaffClient(() => server.baseUrl, STAFF_PIN, stats)
    await staff.login()
    const tables = await staff.tables()
    const ctx = { baseUrl: server.baseUrl, staff, tables, emulator: emulatorClient, faults, stats }

    faults.start()
    const staggerMs = options.quick ? 300 : 150
    const tablets = Array.from({ length: options.tablets }, (_, index) => new Tablet(index, random.fork(), ctx))
    const traffic = Promise.all(tablets.map(async (tablet, index) => {
      await sleep(index * staggerMs)
      return tablet.run()
    }))
    const spreadMs = (options.tablets * staggerMs + 15_000) / (options.kills + 1)
    await supervisor.killDuring(options.kills, traffic, spreadMs)
    const records = await traffic
    const trafficMs = Date.now() - started
    await faults.stop()

    const settled = await waitUntilQuiet(db, options.settleCapMs)
    const verdict = compare(records, await emulatorClient.trades(), db.contents())
    const problems = [
      ...verdict.losses,
      ...stats.serverErrors.map(line => `server error: ${line}`),
      ...supervisor.stats.unexpectedExits.map(line => `the server died by itself: ${line}`),
      ...stuckTablets(records),
      ...(options.crashPoint !== null && supervisor.stats.crashPointExits === 0
        ? [`crash point ${options.crashPoint} was never reached: the drill did not exercise it`]
        : []),
    ]
    const crashNote = options.crashPoint === null
      ? 'none'
      : `${options.crashPoint} (${supervisor.stats.crashPointExits > 0 ? `reached ${supervisor.stats.crashPointExits}×` : 'never reached'})`
    process.stdout.write([
      '',
      `Drill — seed ${options.seed}, ${options.tablets} tablets, ${options.kills} kills, fault rate ${options.faultRate}`,
      table([
        ['behaviours', behaviourCounts(records)],
        ['server kills (SIGKILL) / crash point', `${supervisor.stats.kills} / ${crashNote}`],
        ['fault phases (calm) / Alipay outages', `${faults.stats.phases} (${faults.stats.calmPhases}) / ${faults.stats.outages}`],
        ['requests / without answer', `${stats.requests} / ${stats.noAnswer}`],
        ['answers by status', [...stats.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}:${n}`).join(' ')],
        ['order POST attempts (retries)', records.reduce((n, r) => n + r.orderAttempts, 0)],
        ['traffic / settling', `${(trafficMs / 1000).toFixed(0)} s / ${(settled.waitedMs / 1000).toFixed(0)} s${settled.quiet ? '' : ' (cap reached)'}`],
      ]),
      '',
      table(countRows(verdict.counts)),
      '',
      problems.length === 0 ? 'PASS: nothing lost' : `FAIL: ${problems.length} problem(s)\n${problems.slice(0, 40).map(p => `  - ${p}`).join('\n')}`,
      '',
    ].join('\n'))
    return problems.length === 0
  } finally {
    db?.close()
    await faults.stop().catch(() => undefined)
    await supervisor.stop().catch(() => undefined)
    await emulator.stop()
    // The emulator wrote its generated keys to a directory of its own.
    rmSync(dirname(emulator.merchantPrivateKeyFile), { recursive: true, force: true })
  }
}

function behaviourCounts (records: readonly TabletRecord[]): string {
  const counts = new Map<string, number>()
  for (const record of records) counts.set(record.behaviour, (counts.get(record.behaviour) ?? 0) + 1)
  return [...counts].map(([name, n]) => `${name}:${n}`).join(' ')
}

function stuckTablets (records: readonly TabletRecord[]): string[] {
  return records.filter(record => record.stuck !== undefined).map(record => `tablet ${record.index} gave up at ${record.stuck}`)
}

async function main (): Promise<void> {
  let options: DrillOptions
  try {
    options = parseDrillOptions(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(`drill: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(2)
  }
  const workDir = mkdtempSync(join(tmpdir(), 'tablepad-drill-'))
  const passed = await drill(options, workDir).catch((error: unknown) => {
    process.stderr.write(`drill: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`)
    return false
  })
  // Logs are kept when something went wrong: they are where the explanation is.
  if (passed) rmSync(workDir, { recursive: true, force: true })
  else process.stdout.write(`server and emulator logs kept in ${workDir}\n`)
  process.exit(passed ? 0 : 1)
}

void main()
