// `npm run demo:history`: a generated week has the shape the reports rely on, leaves nothing waiting, is the
// same for the same seed, and the emulator's bill of each of its last days lists exactly those days' payments.
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { generateHistory, HistoryRefusedError, type HistoryOptions } from '../../scripts/demo-history/generate.js'
import { NOT_PAID_REASON, WALKOUT_REASON } from '../../scripts/demo-history/history-check.js'
import { ledgerOfDay } from '../../sandbox/bill/bill-ledger.js'
import { loadState } from '../../sandbox/state-file.js'
import { beijingDayBounds } from '../../src/reconciliation/bill-day.js'
import { tempDataDir, testConfig } from '../helper.js'

const WEEK: HistoryOptions = { days: 7, lastDay: '2025-03-09', seed: 7, ordersPerDay: 300, force: false, emulatorDays: 3 }

async function generatedWeek (options: Partial<HistoryOptions> = {}): Promise<{ dataDir: string, db: SQLite.Database }> {
  const dataDir = tempDataDir()
  await generateHistory(testConfig({ DATA_DIR: dataDir, ALIPAY_MODE: 'sandbox-local', STORE_TIMEZONE: 'Asia/Shanghai' }), { ...WEEK, ...options })
  const db = new SQLite(join(dataDir, 'tablepad.sqlite'), { readonly: true })
  return { dataDir, db }
}

const all = <T>(db: SQLite.Database, query: string, ...params: string[]): T[] => db.prepare(query).all(...params) as T[]
const count = (db: SQLite.Database, query: string): number => (db.prepare(query).get() as { n: number }).n

/** What the history is made of, minus what is random by design per DATA_DIR (the diner hash's salt, keys). */
function digest (db: SQLite.Database): string {
  const hash = createHash('sha256')
  for (const row of db.prepare('select id, number, status, total, created_at, paid_at, check_id, diner_id from orders order by number').iterate()) hash.update(JSON.stringify(row))
  for (const row of db.prepare('select order_id, line_no, item_id, quantity, options, line_total from order_lines order by order_id, line_no').iterate()) hash.update(JSON.stringify(row))
  for (const row of db.prepare('select id, status, amount, refunded_amount, trade_no, paid_at from payments order by id').iterate()) hash.update(JSON.stringify(row))
  return hash.digest('hex')
}

describe('demo history', () => {
  it('makes a week of a busy restaurant, consistent with how the server records orders and payments', async () => {
    const { db } = await generatedWeek()
    try {
      // Every local day (Beijing, +8) of the week, busy every day and busier at the weekend (8–9 March 2025).
      const days = all<{ day: string, n: number }>(db, `select date(created_at, '+8 hours') as day, count(*) as n from orders group by day order by day`)
      expect(days.map(day => day.day)).toEqual(['2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06', '2025-03-07', '2025-03-08', '2025-03-09'])
      for (const day of days) {
        expect(day.n).toBeGreaterThan(180)
        expect(day.n).toBeLessThan(480)
      }
      const weekday = days.slice(0, 5).reduce((sum, day) => sum + day.n, 0) / 5
      expect((days[5]!.n + days[6]!.n) / 2).toBeGreaterThan(weekday)

      // Sold orders have paid_at; orders never paid (cancelled first, or left unpaid) do not.
      expect(count(db, `select count(*) as n from orders where status = 'served' and paid_at is null`)).toBe(0)
      expect(count(db, `select count(*) as n from orders where status = 'placed' and paid_at is not null`)).toBe(0)
      expect(count(db, `select count(*) as n from orders o where o.paid_at is not null and not exists (
        select 1 from payments p where p.paid_at = o.paid_at and (p.order_id = o.id or p.id in (select payment_id from payment_orders where order_id = o.id)))`)).toBe(0)
      // Lines add up to totals; 1 to 8 lines an order.
      expect(count(db, `select count(*) as n from orders o where o.total <> o.subtotal or o.total <> (select sum(line_total) from order_lines l where l.order_id = o.id)`)).toBe(0)
      expect(count(db, 'select count(*) as n from order_lines where line_total <> unit_price * quantity')).toBe(0)
      expect(count(db, 'select max(n) as n from (select count(*) as n from order_lines group by order_id)')).toBeLessThanOrEqual(8)
      // A few cancelled, each with a reason; refunds succeeded and add up on their payments.
      expect(count(db, `select count(*) as n from orders where status = 'cancelled'`)).toBeGreaterThan(0)
      expect(count(db, `select count(*) as n from orders where status = 'cancelled' and (cancel_reason is null or cancel_reason = '')`)).toBe(0)
      expect(count(db, `select count(*) as n from refunds where status <> 'succeeded' or succeeded_at is null`)).toBe(0)
      expect(count(db, `select count(*) as n from payments p where p.refunded_amount <> coalesce((select sum(amount) from refunds r where r.payment_id = p.id), 0)`)).toBe(0)
      // Staff asked for them (so they count against sales): former members, who can no longer log in.
      expect(count(db, `select count(*) as n from refunds r left join staff s on s.id = r.staff_id where s.id is null or s.disabled_at is null`)).toBe(0)
      // Phone orders are paid from the phone for their own order.
      expect(count(db, `select count(*) as n from orders where diner_id is not null`)).toBeGreaterThan(count(db, 'select count(*) as n from orders') * 0.15)
      expect(count(db, `select count(*) as n from payments where method = 'alipay_jsapi' and (check_id is null or scope <> 'mine')`)).toBe(0)
      expect(count(db, `select count(*) as n from diners where id_hash is null`)).toBe(0)
    } finally {
      db.close()
    }
  })

  it('leaves no order waiting and every check closed as the server closes checks', async () => {
    const { db } = await generatedWeek()
    try {
      // Past days have no order waiting on the board: those left unpaid were cancelled by staff that evening,
      // after their check was closed as a walk-out, with a reason (so the day's Z-report lists them).
      expect(count(db, `select count(*) as n from orders where status not in ('served', 'cancelled')`)).toBe(0)
      const unpaid = all<{ created_at: string, updated_at: string, paid_at: string | null, closed_at: string, close_reason: string }>(db, `
        select o.created_at, o.updated_at, o.paid_at, c.closed_at, c.close_reason from orders o join checks c on c.id = o.check_id where o.status = 'cancelled' and o.cancel_reason = ?`, NOT_PAID_REASON)
      expect(unpaid.length).toBeGreaterThan(0)
      for (const order of unpaid) {
        const localDay = (at: string): string => new Date(Date.parse(at) + 8 * 3_600_000).toISOString().slice(0, 10)
        expect(localDay(order.updated_at)).toBe(localDay(order.created_at))
        expect(new Date(Date.parse(order.updated_at) + 8 * 3_600_000).getUTCHours()).toBe(22)
        expect(order.updated_at > order.closed_at).toBe(true)
        expect([order.paid_at, order.close_reason]).toEqual([null, WALKOUT_REASON])
      }
      expect(count(db, `select count(*) as n from payments where status in ('creating', 'waiting', 'unknown')`)).toBe(0)

      expect(count(db, `select count(*) as n from checks where status <> 'closed' or closed_at < opened_at or closed_by is not null`)).toBe(0)
      // No order joins a check after it closed.
      expect(count(db, `select count(*) as n from orders o join checks c on c.id = o.check_id where o.created_at >= c.closed_at`)).toBe(0)
      // A check closes itself (no reason) only when a payment left nothing owing: at that payment, nothing still owing.
      const owingAtClose = `select 1 from orders o where o.check_id = c.id and not (
        (o.paid_at is not null and o.paid_at <= c.closed_at) or (o.status = 'cancelled' and o.paid_at is null and o.updated_at <= c.closed_at))`
      expect(count(db, `select count(*) as n from checks c where c.close_reason is null and (
        exists (${owingAtClose}) or not exists (select 1 from orders o where o.check_id = c.id and o.paid_at = c.closed_at))`)).toBe(0)
      // One staff closed did not close itself: a walk-out, or a cancellation came after its last payment.
      expect(count(db, `select count(*) as n from checks c where c.close_reason is not null and not exists (${owingAtClose}) and not (
        (select max(updated_at) from orders o where o.check_id = c.id and o.status = 'cancelled' and o.paid_at is null)
          > coalesce((select max(paid_at) from orders o where o.check_id = c.id), ''))`)).toBe(0)
      expect(count(db, `select count(*) as n from checks where close_reason is null`)).toBeGreaterThan(count(db, 'select count(*) as n from checks') * 0.9)
    } finally {
      db.close()
    }
  })

  it('teaches the emulator the trades of the last days only: their bills list exactly what Tablepad recorded', async () => {
    // One day: with this seed a refund on 9 March is for a payment of 8 March, so it is made on the 8th instead.
    const { dataDir, db } = await generatedWeek({ emulatorDays: 1 })
    try {
      const trades = loadState(join(dataDir, 'alipay-sandbox', 'state.json'))!.trades
      const windowStart = beijingDayBounds('2025-03-09').from
      expect(trades.length).toBe(count(db, `select count(*) as n from payments where coalesce(paid_at, created_at) >= '${windowStart}'`))
      for (const day of ['2025-03-03', '2025-03-08', '2025-03-09']) {
        const { from, to } = beijingDayBounds(day)
        const bill = ledgerOfDay(trades, day).map(line => line.kind === 'trade'
          ? `trade ${line.trade.outTradeNo} ${line.trade.tradeNo} ${line.trade.amount}`
          : `refund ${line.refund.outRequestNo} ${line.refund.amount}`)
        const ours = day < '2025-03-09'
          ? []
          : [
              ...all<{ id: string, trade_no: string, amount: number }>(db, `select id, trade_no, amount from payments where paid_at >= '${from}' and paid_at < '${to}'`)
                .map(row => `trade ${row.id} ${row.trade_no} ${row.amount}`),
              ...all<{ id: string, amount: number }>(db, `select out_request_no as id, amount from refunds where succeeded_at >= '${from}' and succeeded_at < '${to}'`)
                .map(row => `refund ${row.id} ${row.amount}`),
            ]
        expect(bill.sort()).toEqual(ours.sort())
        if (day === '2025-03-09') expect(bill.length).toBeGreaterThan(200)
      }
      // Unpaid QRs of those days are locked at the emulator, as its cancel leaves them.
      const locked = trades.filter(trade => trade.state === 'LOCKED').map(trade => trade.outTradeNo).sort()
      expect(locked).toEqual(all<{ id: string }>(db, `select id from payments where paid_at is null and created_at >= '${windowStart}' order by id`).map(row => row.id))
    } finally {
      db.close()
    }
  })

  it('is the same history for the same seed, and another for another seed', async () => {
    const digests: string[] = []
    for (const seed of [7, 7, 8]) {
      const { db } = await generatedWeek({ days: 2, seed })
      digests.push(digest(db))
      db.close()
    }
    expect(digests[0]).toBe(digests[1])
    expect(digests[2]).not.toBe(digests[0])
  })

  it('refuses a DATA_DIR that already has orders unless forced', async () => {
    const { dataDir, db } = await generatedWeek({ days: 1 })
    const before = count(db, 'select count(*) as n from orders')
    db.close()
    const config = testConfig({ DATA_DIR: dataDir, ALIPAY_MODE: 'sandbox-local' })
    await expect(generateHistory(config, { ...WEEK, days: 1 })).rejects.toThrow(HistoryRefusedError)
    const again = await generateHistory(config, { ...WEEK, days: 1, lastDay: '2025-03-10', force: true })
    expect(again.orders).toBeGreaterThan(before)
  })
})
