// The nightly run: which bill day is due when, and which results are tried again.
import { describe, expect, it } from 'vitest'
import { dueBillDay, needsRun, NightlyReconciliation } from '../../src/reconciliation/nightly.js'
import type { Reconciliation } from '#shared/schemas/reports.js'

const ZERO = { matched: 0, onlyAtAlipay: 0, onlyHere: 0, amountDiffers: 0, refundDiffers: 0 }
const result = (status: Reconciliation['status'], checkedAt: string | null): Reconciliation =>
  ({ date: '2026-03-01', status, checkedAt, counts: ZERO, mismatches: [], reason: null })

const silent = { error () {}, warn () {}, info () {} } as never

describe('the nightly reconciliation', () => {
  it('is due for yesterday (Beijing) from 10:00 Beijing time, whatever the server\'s zone', () => {
    // 01:59 UTC is 09:59 in Beijing: yesterday's bill is not due yet.
    expect(dueBillDay(new Date('2026-03-02T01:59:59Z'))).toBeNull()
    expect(dueBillDay(new Date('2026-03-02T02:00:00Z'))).toBe('2026-03-01')
    // 16:00 UTC on 1 March is already 2 March 00:00 in Beijing: before 10:00, nothing is due.
    expect(dueBillDay(new Date('2026-03-01T16:00:00Z'))).toBeNull()
    expect(dueBillDay(new Date('2026-03-01T15:59:59Z'))).toBe('2026-02-28')
  })

  it('runs a day never run, retries no bill and failures hourly, and leaves finished days alone', () => {
    const now = new Date('2026-03-02T05:00:00Z')
    expect(needsRun(result('not_run', null), now)).toBe(true)
    expect(needsRun(result('no_bill', '2026-03-02T04:00:00Z'), now)).toBe(true)
    expect(needsRun(result('failed', '2026-03-02T04:30:00Z'), now)).toBe(false)
    expect(needsRun(result('failed', '2026-03-02T03:59:00Z'), now)).toBe(true)
    for (const status of ['matched', 'mismatched', 'unavailable'] as const) expect(needsRun(result(status, '2026-03-01T00:00:00Z'), now)).toBe(false)
  })

  it('checks on its timer until stopped, running the due day once it needs it', async () => {
    const runs: string[] = []
    let last = result('not_run', null)
    const nightly = new NightlyReconciliation({
      reconciliation: {
        get: async () => last,
        run: async (date) => {
          runs.push(date)
          last = result('matched', new Date().toISOString())
          return last
        },
      },
      log: silent,
      now: () => new Date('2026-03-02T05:00:00Z'),
      firstCheckAfterMs: 1,
      checkEveryMs: 5,
    })
    nightly.start()
    await expect.poll(() => runs.length).toBe(1)
    await nightly.check()
    await nightly.stop()
    expect(runs).toEqual(['2026-03-01'])
  })
})
