// What a full run and a quick run (`npm run bench -- --quick`) measure.
export interface Settings {
  quick: boolean
  /** autocannon connections per scenario. */
  connections: number
  /** Seconds per load scenario. */
  seconds: number
  /** Tablets placing orders. */
  orderTablets: number
  /** Tablets holding an event stream open (fan-out and memory). */
  sseTablets: number
  /** Sold-out switches whose arrival is timed on every stream. */
  fanoutRounds: number
  /** Payments per batch; three batches in a row. */
  paymentBatch: number
  /** Lighthouse navigations per page (median reported); 0 skips Lighthouse. */
  lighthouseRuns: number
  /** Run `npm run build` first. */
  build: boolean
  /**
   * `--only <scenario>`: run just that scenario group (known: reports, payments, lighthouse, postgres). `postgres`
   * (scenarios-postgres.ts) runs only when asked so: it needs a PostgreSQL server.
   */
  only: string | null
  /** Days of demo history the reports scenario generates (a year; a month in a quick run). */
  historyDays: number
}

/** The groups `--only` can pick. */
export const ONLY_SCENARIOS = ['reports', 'payments', 'lighthouse', 'postgres'] as const

export function readSettings (argv: readonly string[]): Settings {
  const quick = argv.includes('--quick')
  const known = ['--quick', '--build', '--lighthouse', '--no-lighthouse', '--only']
  const onlyAt = argv.indexOf('--only')
  const only = onlyAt === -1 ? null : argv[onlyAt + 1] ?? ''
  if (only !== null && !(ONLY_SCENARIOS as readonly string[]).includes(only)) throw new Error(`--only needs one of ${ONLY_SCENARIOS.join(', ')} (got "${only}")`)
  const unknown = argv.filter((arg, i) => !known.includes(arg) && (onlyAt === -1 || (i !== onlyAt && i !== onlyAt + 1)))
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(' ')} (known: ${known.join(', ')})`)
  return {
    quick,
    connections: quick ? 20 : 50,
    seconds: quick ? 2 : 10,
    orderTablets: 12,
    sseTablets: 500,
    fanoutRounds: quick ? 5 : 20,
    paymentBatch: quick ? 100 : 1000,
    // Lighthouse takes ~15 s a page on this box: a quick run leaves it out unless --lighthouse (then one run);
    // `--only lighthouse` measures it whatever else is asked (three runs, one with --quick).
    lighthouseRuns: only === 'lighthouse' ? (quick ? 1 : 3) : argv.includes('--no-lighthouse') ? 0 : quick ? (argv.includes('--lighthouse') ? 1 : 0) : 3,
    build: argv.includes('--build'),
    only,
    historyDays: quick ? 31 : 365,
  }
}
