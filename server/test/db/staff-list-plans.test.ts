// The staff lists and the unpaid-order sweep (issue 15) find their rows by index: the board, its search and
// its day filter read the newest orders through orders_created_number; the sweep reaches placed orders only.
import { describe, expect, it } from 'vitest'
import { planDatabase, plansOf as plansOfStatements } from './query-plan-helpers.js'
import { listOrders } from '../../src/repositories/orders.js'
import { listPayments } from '../../src/repositories/payments.js'
import { abandonedOrderIds, cancelIfUnpaid } from '../../src/repositories/unpaid-orders.js'

const fixture = planDatabase(({ sqlite }) => {
  const at = '2026-03-01T04:00:00.000Z'
  sqlite.prepare(`insert into tables (id, label, code, seats, sort, created_at) values ('tbl_1', 'Patio', 'c1', 4, 0, ?)`).run(at)
  sqlite.prepare(`insert into orders (id, number, client_order_id, request_hash, table_id, status, subtotal, total, currency, created_at, updated_at)
    values ('ord_1', 1, 'c', 'h', 'tbl_1', 'placed', 300, 300, 'CNY', ?, ?)`).run(at, at)
})
const plansOf = (run: () => Promise<unknown>): Promise<string[]> => plansOfStatements(fixture.opened, run)

const range = { createdFrom: '2026-02-28T16:00:00.000Z', createdBefore: '2026-03-01T16:00:00.000Z' }

describe('query plans of the staff lists', () => {
  it('reads the board newest first through the index, with no sort and no scan of all orders', async () => {
    const [plan] = await plansOf(() => listOrders(fixture.db, { limit: 100 }))
    expect(plan).toContain('USING INDEX orders_created_number')
    expect(plan).not.toMatch(/TEMP B-TREE|SCAN orders\b(?! USING)/)
  })

  it('searches a day range through the index; dishes by the order\'s lines, the table by its id', async () => {
    const [tables, orders] = await plansOf(() => listOrders(fixture.db, { search: 'pat', ...range, limit: 100 }))
    // The tables are a few dozen rows, read whole once.
    expect(tables).toMatch(/SCAN tables/)
    expect(orders).toContain('SEARCH orders USING INDEX orders_created_number (created_at>? AND created_at<?)')
    expect(orders).toMatch(/SEARCH order_lines USING (COVERING )?INDEX/)
    expect(orders).not.toMatch(/TEMP B-TREE|SCAN order_lines/)
  })

  it('finds an order number through its unique index (the tables, read whole, give no table numbered so)', async () => {
    const [tables, orders] = await plansOf(() => listOrders(fixture.db, { search: '42', limit: 100 }))
    expect(tables).toMatch(/SCAN tables/)
    expect(orders).toMatch(/^SEARCH orders USING INDEX \S+ \(number=\? AND store_id=\?\)/)
  })

  it('reads a day range of payments through payments_created_at', async () => {
    const [plan] = await plansOf(() => listPayments(fixture.db, { ...range, limit: 100 }))
    expect(plan).toContain('SEARCH payments USING INDEX payments_created_at (created_at>? AND created_at<?)')
  })
})

describe('query plans of the unpaid-order sweep', () => {
  it('reaches placed orders through orders_status_created and their payments by index', async () => {
    const plans = await plansOf(async () => {
      await abandonedOrderIds(fixture.db, '2026-03-01T05:00:00.000Z', 50)
      await cancelIfUnpaid(fixture.db, 'ord_1', { at: '2026-03-01T05:00:00.000Z', reason: 'payment_abandoned', endedBefore: null })
    })
    expect(plans[0]).toContain('SEARCH orders USING INDEX orders_status_created (status=? AND created_at<?)')
    for (const plan of plans) {
      expect(plan).not.toMatch(/SCAN (orders|payments|checks)\b/)
      expect(plan).toMatch(/payments USING (COVERING )?INDEX payments_order_id/)
      expect(plan).toMatch(/payments USING (COVERING )?INDEX payments_check_id/)
    }
  })
})
