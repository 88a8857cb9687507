// Sales written straight into the database with chosen times, so a report can be checked against figures
// worked out by hand (the flows that stamp paid_at and succeeded_at have their own tests: sold-at.test.ts).
import type { App } from '../../src/app.js'
import type { LocalizedText } from '#shared/schemas/common.js'

export interface SaleLine {
  itemId: string
  quantity: number
  unitPrice: number
  names?: LocalizedText
  options?: LocalizedText[]
}

export interface SalePayment {
  method: 'alipay_qr' | 'alipay_jsapi'
  paidAt: string
  status?: string
  tradeNo?: string
  /** Paid through the check (payment_orders) instead of the order's own payment. */
  checkPayment?: boolean
}

export interface Sale {
  number: number
  tableId: string
  /** null: never sold (unpaid). */
  paidAt: string | null
  status?: string
  lines: SaleLine[]
  dinerId?: string
  checkId?: string
  payments?: SalePayment[]
  /**
   * Succeeded refunds, against the first payment unless `payment` (an index into `payments`) says otherwise.
   * Asked for by a staff member (they count against sales) unless `automatic`: Tablepad's own refund of a
   * double payment or of a payment that came after the order was cancelled (staff_id null).
   */
  refunds?: SaleRefund[]
}

export interface SaleRefund {
  amount: number
  at: string
  payment?: number
  automatic?: boolean
}

let sequence = 0

/** The staff member who makes the fixtures' refunds (one per app, written when first needed). */
async function refundingStaff (app: App): Promise<string> {
  const id = 'stf_refunds'
  const found = await app.db.selectFrom('staff').select('id').where('id', '=', id).executeTakeFirst()
  if (!found) await app.db.insertInto('staff').values({ id, name: 'Refunder', role: 'manager', pin_hash: 'x', created_at: '2026-01-01T00:00:00.000Z', disabled_at: null }).execute()
  return id
}

export async function table (app: App, label: string): Promise<string> {
  const id = `tbl_${++sequence}`
  await app.db.insertInto('tables').values({ id, label, code: `code${sequence}`, seats: 4, sort: sequence, created_at: '2026-01-01T00:00:00.000Z', removed_at: null }).execute()
  return id
}

export async function check (app: App, tableId: string): Promise<string> {
  const id = `chk_${++sequence}`
  await app.db.insertInto('checks').values({
    id, table_id: tableId, status: 'closed', payment_mode: 'pay-first', split_parts: null, split_base: null, split_started_at: null,
    opened_at: '2026-01-01T00:00:00.000Z', closed_at: '2026-01-01T00:00:00.000Z', close_reason: null, closed_by: null,
  }).execute()
  return id
}

/** A diner known by the hash of their Alipay id (the only thing reports may count them by). */
export async function diner (app: App, hash: string): Promise<string> {
  const id = `diner_${++sequence}`
  await app.db.insertInto('diners').values({ id, alipay_user_id: null, alipay_open_id: null, created_at: '2026-01-01T00:00:00.000Z', id_hash: hash, last_seen_at: null }).execute()
  return id
}

/** Writes the order, its lines, payments and refunds; returns the order's id and total. */
export async function sale (app: App, input: Sale): Promise<{ id: string, total: number }> {
  const id = `ord_${++sequence}`
  const total = input.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0)
  const created = input.paidAt ?? '2026-03-01T00:00:00.000Z'
  await app.db.insertInto('orders').values({
    id, number: input.number, client_order_id: id, request_hash: id, device_id: null, table_id: input.tableId,
    status: input.status ?? (input.paidAt === null ? 'placed' : 'served'), subtotal: total, total, currency: app.config.store.currency,
    note: null, cancel_reason: null, created_at: created, updated_at: created, check_id: input.checkId ?? null, diner_id: input.dinerId ?? null,
    paid_at: input.paidAt,
  }).execute()
  await app.db.insertInto('order_lines').values(input.lines.map((line, index) => ({
    order_id: id, line_no: index + 1, item_id: line.itemId, names: JSON.stringify(line.names ?? { en: line.itemId, 'zh-CN': line.itemId }),
    quantity: line.quantity, unit_price: line.unitPrice,
    options: JSON.stringify((line.options ?? []).map((names, option) => ({ id: `opt_${option}`, groupId: 'grp', names, priceDelta: 0 }))),
    note: null, diner_id: input.dinerId ?? null, line_total: line.quantity * line.unitPrice,
  }))).execute()
  const paymentIds: string[] = []
  for (const payment of input.payments ?? []) {
    const paymentId = `pay_${++sequence}`
    paymentIds.push(paymentId)
    await app.db.insertInto('payments').values({
      id: paymentId, order_id: payment.checkPayment ? null : id, check_id: payment.checkPayment ? input.checkId! : null,
      scope: payment.checkPayment ? 'all' : null, method: payment.method, status: payment.status ?? 'paid', amount: total,
      currency: app.config.store.currency, qr_code: null, trade_no: payment.tradeNo ?? null, buyer_id: null, expires_at: null,
      qr_deadline_at: null, failure_code: null, paid_at: payment.paidAt, next_check_at: null, unknown_since: null,
      created_at: payment.paidAt, updated_at: payment.paidAt, buyer_open_id: null,
    }).execute()
    if (payment.checkPayment) await app.db.insertInto('payment_orders').values({ payment_id: paymentId, order_id: id, amount: total }).execute()
  }
  for (const refund of input.refunds ?? []) {
    const refundId = `refund_${++sequence}`
    await app.db.insertInto('refunds').values({
      id: refundId, payment_id: paymentIds[refund.payment ?? 0]!, out_request_no: refundId, amount: refund.amount, reason: 'test', status: 'succeeded',
      staff_id: refund.automatic ? null : await refundingStaff(app), failure_code: null, next_check_at: null, created_at: refund.at, updated_at: refund.at, succeeded_at: refund.at,
    }).execute()
  }
  return { id, total }
}

export async function availability (app: App, itemId: string, available: boolean, at: string): Promise<void> {
  await app.db.insertInto('menu_availability_events').values({ item_id: itemId, available: available ? 1 : 0, at, staff_id: null }).execute()
}
