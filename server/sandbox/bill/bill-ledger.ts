// What the emulated Alipay's trade bill of a Beijing day lists: each Open Platform trade paid that day and each
// refund made that day, from the emulator's own trades (kept across restarts in its state file).
import { parseBeijing } from '../time.js'
import type { Refund, Trade } from '../trades.js'

const DAY_MS = 86_400_000

export type LedgerLine =
  | { kind: 'trade', trade: Trade, at: number }
  | { kind: 'refund', trade: Trade, refund: Refund, at: number }

/** The day's lines in the order they happened; empty when nothing happened (then Alipay has no bill). */
export function ledgerOfDay (trades: readonly Trade[], day: string): LedgerLine[] {
  const start = parseBeijing(`${day} 00:00:00`)
  if (start === undefined) return []
  const inDay = (at: number | undefined): at is number => at !== undefined && at >= start && at < start + DAY_MS
  const lines: LedgerLine[] = []
  for (const trade of trades) {
    // MAPI trades are Alipay Global's: they have no Open Platform bill.
    if (trade.protocol === 'mapi') continue
    if (inDay(trade.paidAt)) lines.push({ kind: 'trade', trade, at: trade.paidAt })
    for (const refund of trade.refunds) if (inDay(refund.at)) lines.push({ kind: 'refund', trade, refund, at: refund.at })
  }
  return lines.sort((a, b) => a.at - b.at)
}
