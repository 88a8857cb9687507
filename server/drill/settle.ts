// After the traffic: Alipay healthy again, the server reconciles until nothing is open (or the cap).
import type { DatabaseView } from './database-view.js'
import { sleep } from './retry.js'

export interface SettleResult {
  quiet: boolean
  waitedMs: number
  open: { payments: number, refunds: number }
}

/** Polls the database until no payment or refund is open for two looks in a row. */
export async function waitUntilQuiet (db: DatabaseView, capMs: number): Promise<SettleResult> {
  const started = Date.now()
  let quietLooks = 0
  for (;;) {
    const open = db.openCounts()
    quietLooks = open.payments === 0 && open.refunds === 0 ? quietLooks + 1 : 0
    const waitedMs = Date.now() - started
    if (quietLooks >= 2) return { quiet: true, waitedMs, open }
    if (waitedMs > capMs) return { quiet: false, waitedMs, open }
    await sleep(1000)
  }
}
