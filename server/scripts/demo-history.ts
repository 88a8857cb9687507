// `npm run demo:history [-- --days 365 --seed 14 --orders-per-day 300 --last-day YYYY-MM-DD --force --emulator-days 31]`: a year of a
// busy restaurant in DATA_DIR (the server's own setting, default ./data), so reports, the day close and
// reconciliation have something to show. See docs/operations.md, "Demo history".
import { formatMoney } from '#shared/money.js'
import { ConfigError, loadConfig } from '../src/config.js'
import { addDays, isReportDate } from '../src/reports/report-dates.js'
import { DEFAULT_EMULATOR_DAYS, generateHistory, HistoryRefusedError, type HistoryOptions, type HistorySummary } from './demo-history/generate.js'

const USAGE = 'usage: npm run demo:history -- [--days N] [--seed N] [--orders-per-day N] [--last-day YYYY-MM-DD] [--force] [--emulator-days N]'

function parseOptions (argv: readonly string[]): HistoryOptions {
  const options: HistoryOptions = { days: 365, seed: 14, ordersPerDay: 300, force: false, emulatorDays: DEFAULT_EMULATOR_DAYS }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const value = (): string => {
      const next = argv[++i]
      if (next === undefined) throw new Error(`${arg} needs a value\n${USAGE}`)
      return next
    }
    const whole = (min: number, max: number): number => {
      const number = Number(value())
      if (!Number.isInteger(number) || number < min || number > max) throw new Error(`${arg} must be a whole number from ${min} to ${max}\n${USAGE}`)
      return number
    }
    if (arg === '--force') options.force = true
    else if (arg === '--emulator-days') options.emulatorDays = whole(0, 3660)
    else if (arg === '--days') options.days = whole(1, 3660)
    else if (arg === '--seed') options.seed = whole(0, 2 ** 32 - 1)
    else if (arg === '--orders-per-day') options.ordersPerDay = whole(10, 5000)
    else if (arg === '--last-day') {
      const day = value()
      if (!isReportDate(day)) throw new Error(`--last-day must be a calendar day YYYY-MM-DD\n${USAGE}`)
      options.lastDay = day
    } else throw new Error(`unknown option ${arg}\n${USAGE}`)
  }
  return options
}

async function main (): Promise<void> {
  const config = loadConfig(process.env)
  const options = parseOptions(process.argv.slice(2))
  process.stderr.write(`demo history: ${options.days} days into ${config.dataDir} (seed ${options.seed})\n`)
  const summary = await generateHistory(config, options, message => process.stderr.write(`  ${message}\n`))
  const money = (amount: number): string => formatMoney(amount, summary.currency, 'en')
  process.stdout.write([
    `Demo history ${summary.from} … ${summary.to} in ${config.dataDir} (${summary.seconds.toFixed(1)} s):`,
    `  ${summary.orders.toLocaleString('en-US')} orders, ${summary.lines.toLocaleString('en-US')} lines, ${summary.checks.toLocaleString('en-US')} checks, ${summary.diners.toLocaleString('en-US')} phone diners`,
    `  ${summary.payments.toLocaleString('en-US')} payments, ${summary.refunds} refunds, ${summary.cancelled} cancelled (${summary.unpaid} of them left unpaid, cancelled at the day's end), ${summary.soldOutEvents} sell-outs`,
    `  sold: ${money(summary.gross)}`,
    emulatorLine(summary),
    '',
  ].join('\n'))
}

function emulatorLine ({ emulatorTrades, emulatorFrom, from, to }: HistorySummary): string {
  if (emulatorTrades === null || emulatorFrom === null) {
    return '  the Alipay emulator\'s ledger was not touched (not sandbox-local, or --emulator-days 0): reconciling these days gives "no bill".'
  }
  const before = emulatorFrom > from ? `; ${from} … ${addDays(emulatorFrom, -1)} reconcile as "no bill" (--emulator-days to keep more)` : ''
  return `  the built-in Alipay emulator now knows the ${emulatorTrades.toLocaleString('en-US')} trades of ${emulatorFrom} … ${to}: reconciling those days matches${before}`
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof HistoryRefusedError || (error instanceof Error && error.message.includes(USAGE))
  process.stderr.write(`demo:history failed: ${error instanceof Error ? (known ? error.message : error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
