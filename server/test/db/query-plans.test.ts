// Queries that run on every order or every bill read must find their rows by index, not by scanning a
// table that grows with every meal the restaurant ever served.
import { describe, expect, it } from 'vitest'
import { planDatabase, plansOf as plansOfStatements } from './query-plan-helpers.js'
import { findCurrentCheck, findOpenCheck } from '../../src/repositories/checks.js'
import { buildSalesReport } from '../../src/reports/sales-report.js'
import { salesCsv } from '../../src/reports/sales-csv.js'

const fixture = planDatabase()
const plansOf = (run: () => Promise<unknown>): Promise<string[]> => plansOfStatements(fixture.opened, run)

describe('query plans of the hot paths', () => {
  it("finds a table's open check through the partial index of open checks", async () => {
    const plans = await plansOf(() => findOpenCheck(fixture.db, 'tbl_x'))
    expect(plans).toEqual([expect.stringContaining('USING INDEX checks_one_open_per_table')])
  })

  it("finds a table's current check (open, else the last closed) without scanning every check", async () => {
    const plans = await plansOf(() => findCurrentCheck(fixture.db, 'tbl_x'))
    expect(plans).toHaveLength(2)
    for (const plan of plans) {
      expect(plan).toMatch(/USING (COVERING )?INDEX/)
      expect(plan).not.toMatch(/SCAN checks/)
    }
  })
})

/**
 * The sales report reads a range of a year's ≈110 k orders and ≈500 k lines: every statement on the growing
 * tables is a range scan of an index made for it (008), covering where it says so: no lookup per order or
 * line, no scan of all history. Only the menu and the tables (a few hundred rows) are read whole.
 */
describe('query plans of the sales report', () => {
  const store = { timezone: 'Asia/Shanghai', currency: 'CNY' }

  async function oneSale (): Promise<void> {
    const at = '2026-03-01T04:00:00.000Z'
    fixture.opened.sqlite.prepare(`insert into tables (id, label, code, seats, sort, created_at) values ('tbl_1', 'T1', 'c1', 4, 0, ?)`).run(at)
    fixture.opened.sqlite.prepare(`insert into orders (id, number, client_order_id, request_hash, table_id, status, subtotal, total, currency, created_at, updated_at, paid_at)
      values ('ord_1', 1, 'c', 'h', 'tbl_1', 'served', 300, 300, 'CNY', ?, ?, ?)`).run(at, at, at)
    fixture.opened.sqlite.prepare(`insert into order_lines (order_id, line_no, item_id, names, quantity, unit_price, options, line_total)
      values ('ord_1', 1, 'dish_x', '{"en":"x","zh-CN":"x"}', 1, 300, '[]', 300)`).run()
  }

  function expectIndexed (plans: string[]): void {
    for (const plan of plans) {
      expect(plan).not.toMatch(/SCAN (orders|order_lines|payments|payment_orders|refunds|diners|menu_availability_events)\b/)
      if (/ orders /.test(` ${plan} `) || /SEARCH (orders|o|sold)\b/.test(plan)) expect(plan).toMatch(/orders_paid_at|sqlite_autoindex_orders_1|orders_diner_client_order_id|orders_diner_paid_at/)
    }
  }

  it('reads the JSON report by index, orders and their lines through covering indexes', async () => {
    await oneSale()
    const plans = await plansOf(() => buildSalesReport(fixture.db, store, '2026-03-01', '2026-03-31'))
    expectIndexed(plans)
    const covered = (table: string) => plans.filter(plan => plan.includes(`SEARCH ${table} USING COVERING INDEX`))
    // Buckets, tables, items (orders and lines), the diners' subquery: all without a lookup per row.
    // The lines are sought from the list of sold orders (LIST SUBQUERY: in id order), not joined in paid_at order.
    expect(plans.find(plan => plan.includes('order_lines'))).toMatch(/SEARCH order_lines USING COVERING INDEX order_lines_sales \(order_id=\?\) \| LIST SUBQUERY \d+ \| SEARCH orders USING COVERING INDEX orders_paid_at/)
    // Returning diners: each diner's orders by time, covered too.
    expect(plans.find(plan => plan.includes('diners'))).toMatch(/SEARCH orders USING COVERING INDEX orders_diner_paid_at \(diner_id=\? AND paid_at<\?\)/)
    expect(covered('orders').length).toBeGreaterThanOrEqual(3)
    expect(plans.find(plan => /FROM "?payments"? /i.test(plan) || plan.startsWith('SEARCH payments'))).toMatch(/SEARCH payments USING COVERING INDEX payments_paid_at/)
    expect(plans.find(plan => plan.startsWith('SEARCH refunds'))).toMatch(/refunds_succeeded_at/)
    expect(plans.find(plan => plan.includes('menu_availability_events'))).toMatch(/menu_availability_events_at .*menu_availability_events_item_at/)
  })

  it('pages the CSV by the sold-time index, each page bounded on both ends', async () => {
    await oneSale()
    const plans = await plansOf(async () => {
      for await (const chunk of salesCsv(fixture.db, store, '2026-03-01', '2026-03-31', 'en')) void chunk
    })
    expectIndexed(plans)
    const pages = plans.filter(plan => plan.includes('orders_paid_at'))
    expect(pages.length).toBeGreaterThanOrEqual(4)
    for (const plan of pages) expect(plan).toMatch(/COVERING INDEX orders_paid_at \(/)
    // The lines and payments of a page: a range of the index ending at the page, not at the range's end.
    for (const plan of pages.slice(1)) expect(plan).toMatch(/paid_at<\?/)
  })
})
