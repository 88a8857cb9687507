// One business day as the server would have recorded it, pay-first: each order is placed, paid by its own QR on
// the tablet (alipay_qr) or by its diner's phone (alipay_jsapi, a check payment for "mine"), then cooked and
// served; a few are cancelled (with a reason), refunded, or left unpaid (cancelled when the day ends). Checks
// follow the server's rules (history-check.ts): an order joins the table's open check, which closes itself when a
// payment leaves nothing owed, or is closed by staff when the table leaves.
import { PaymentFailureCodeEnum } from '#shared/error-codes.js'
import type { PricedLine } from '#shared/pricing.js'
import { localDayStartMs } from '../../src/reports/report-dates.js'
import { orderRequestHash } from '../../src/services/orders.js'
import { subjectFor } from '../../src/payments/payment-service.js'
import { checkSubject } from '../../src/services/checks.js'
import { beijingDay, formatBeijing } from '../../sandbox/time.js'
import { planDay, targetOrders, type PlanTable, type PlannedOrder, type Seating } from './day-plan.js'
import type { DinerPool } from './diner-pool.js'
import { HistoryCheck, type CheckEntry } from './history-check.js'
import { HISTORY_STAFF } from './history-staff.js'
import type { MenuPicker } from './menu-picker.js'
import type { Random } from './random.js'
import { emptyDay, type DayRecords, type DinerRecord, type OrderRecord, type PaymentRecord } from './records.js'

export interface HistorySettings {
  timezone: string
  currency: string
  storeName: string
  /** The emulator's public URL, as the QR codes of sandbox-local payments carry it. */
  sandboxUrl: string
  qrTimeoutS: number
  ordersPerDay: number
  /** The first instant that is not history any more (the start of today): nothing may happen at or after it. */
  endMs: number
  /**
   * Where the emulator's ledger starts (a bill day's start), or null: no refund falls after it for a payment
   * paid before it, or that refund would be missing from the bill of a day that otherwise matches.
   */
  ledgerFromMs: number | null
}

export interface HistoryContext {
  settings: HistorySettings
  random: Random
  tables: readonly PlanTable[]
  picker: MenuPicker
  diners: DinerPool
  /** The last order number handed out; the next order takes the one after. */
  orderNumber: number
}

const MINUTE = 60_000
const SECOND = 1000

const CANCEL_REASONS = [
  'Diner changed their mind', 'Ordered twice by mistake', 'Wrong table', 'Kitchen ran out of an ingredient',
  'Took too long, diner left', 'Diner ordered the wrong dish', 'Allergy noticed after ordering',
]
const REFUND_REASONS = [
  'Dish sent back: too salty', 'Wrong dish served', 'Hair in the soup', 'Dish arrived cold', 'Long wait for a dish',
  'Charged for a dish that never came', 'Diner complaint',
]

/** What became of an order, decided when it is placed. */
type Outcome = 'paid' | 'cancelled' | 'cancelled-after-paid' | 'unpaid'

function outcomeOf (random: Random): Outcome {
  const roll = random.next()
  if (roll < 0.017) return 'cancelled'
  if (roll < 0.02) return 'cancelled-after-paid'
  if (roll < 0.0215) return 'unpaid'
  return 'paid'
}

const iso = (ms: number): string => new Date(ms).toISOString()

interface SoldOutWindow { itemId: string, from: number, until: number }

/** Dishes that ran out: some evenings one sells out until the next morning, some lunches one until dinner. */
function soldOutWindows (ctx: HistoryContext, dayStart: number, records: DayRecords): SoldOutWindow[] {
  const { random, picker, settings } = ctx
  const windows: SoldOutWindow[] = []
  const add = (fromMinute: number, untilMs: number): void => {
    const itemId = random.pick(picker.dishIds)
    const from = dayStart + fromMinute * MINUTE
    // Back on the menu before history ends, so the dishes are all available when the server starts.
    const until = Math.min(untilMs, settings.endMs - MINUTE)
    if (until <= from) return
    windows.push({ itemId, from, until })
    records.availability.push({ item_id: itemId, available: 0, at: iso(from) }, { item_id: itemId, available: 1, at: iso(until) })
  }
  if (random.chance(0.1)) add(random.int(12 * 60 + 30, 13 * 60 + 30), dayStart + (16 * 60 + 45) * MINUTE)
  if (random.chance(0.3)) add(random.int(18 * 60 + 30, 21 * 60), dayStart + (24 * 60 + 10 * 60 + 15) * MINUTE)
  return windows
}

export function buildDay (ctx: HistoryContext, date: string, weekday: number, dayOfYear: number): DayRecords {
  const { random, settings } = ctx
  const records = emptyDay()
  const dayStart = localDayStartMs(date, settings.timezone)
  const windows = soldOutWindows(ctx, dayStart, records)
  const seatings = planDay(ctx.tables, targetOrders(settings, weekday, dayOfYear, random), random)
  const byTable = new Map<string, Seating[]>()
  for (const seating of seatings) byTable.set(seating.table.id, [...byTable.get(seating.table.id) ?? [], seating])
  // Numbers are handed out in the order orders arrive across the room, as the server's counter does.
  const numbered = seatings.flatMap(seating => seating.orders).sort((a, b) => a.at - b.at)
  const numbers = new Map<PlannedOrder, number>(numbered.map((order, index) => [order, ctx.orderNumber + index + 1]))
  ctx.orderNumber += numbered.length

  for (const tableSeatings of byTable.values()) {
    tableSeatings.forEach((seating, index) => {
      // Staff close a table's check by the time the next party sits down there, or by the end of the history.
      const next = tableSeatings[index + 1]
      const closeBy = Math.min(next === undefined ? Number.POSITIVE_INFINITY : dayStart + next.start * MINUTE, settings.endMs - MINUTE)
      seat(ctx, records, { dayStart, closeBy }, seating, windows, numbers)
    })
  }
  records.diners = ctx.diners.drainFresh()
  return records
}

function seat (ctx: HistoryContext, records: DayRecords, day: { dayStart: number, closeBy: number }, seating: Seating, windows: SoldOutWindow[], numbers: Map<PlannedOrder, number>): void {
  const { random } = ctx
  const { dayStart } = day
  const phones: DinerRecord[] = seating.phoneDiners > 0 ? ctx.diners.seat(seating.phoneDiners, iso(dayStart + seating.start * MINUTE)) : []
  let check: HistoryCheck | null = null
  const ordered = new Set<string>()
  for (const planned of seating.orders) {
    const at = dayStart + planned.at * MINUTE + random.int(0, 59) * SECOND
    if (check === null || !check.isOpenAt(at)) {
      check?.close(random, { ...day, leftAt: at })
      check = new HistoryCheck(random, seating.table.id, at)
      records.checks.push(check.record)
    }
    const diner = planned.phoneDiner === null ? null : phones[planned.phoneDiner] ?? null
    if (diner !== null && !check.diners.has(diner.id)) {
      check.diners.set(diner.id, check.diners.size + 1)
      records.checkDiners.push({ check_id: check.record.id, diner_id: diner.id, number: check.diners.size, joined_at: iso(at) })
    }
    const soldOut = new Set(windows.filter(window => window.from <= at && at < window.until).map(window => window.itemId))
    // A table's first order is its meal, and so is each phone diner's first order of their own share.
    const meal = planned.round === 0 || (diner !== null && !ordered.has(diner.id))
    if (diner !== null) ordered.add(diner.id)
    const lines = ctx.picker.lines(random, !meal, soldOut)
    check.add(placeOrder(ctx, records, { at, number: numbers.get(planned)!, lines, check: check.record, tableLabel: seating.table.label, diner }))
  }
  // Staff close what would otherwise stay open (a walk-out, or nothing owed) when the table leaves.
  check?.close(random, { ...day, leftAt: dayStart + seating.end * MINUTE })
}

interface NewOrder {
  at: number
  number: number
  lines: PricedLine[]
  check: HistoryCheck['record']
  tableLabel: string
  diner: DinerRecord | null
}

/** Writes the order, its lines, its payment and what followed; says when it stopped owing and when it was paid. */
function placeOrder (ctx: HistoryContext, records: DayRecords, input: NewOrder): CheckEntry {
  const { random, settings } = ctx
  const { at, lines, diner } = input
  const total = lines.reduce((sum, line) => sum + line.lineTotal, 0)
  const clientOrderId = random.uuid()
  const order: OrderRecord = {
    id: random.id('ord'),
    number: input.number,
    client_order_id: clientOrderId,
    request_hash: orderRequestHash({ clientOrderId, lines: lines.map(line => ({ itemId: line.itemId, quantity: line.quantity, optionIds: line.options.map(option => option.id) })) }),
    table_id: input.check.table_id,
    status: 'placed',
    subtotal: total,
    total,
    currency: settings.currency,
    cancel_reason: null,
    created_at: iso(at),
    updated_at: iso(at),
    check_id: input.check.id,
    diner_id: diner?.id ?? null,
    paid_at: null,
  }
  records.orders.push(order)
  lines.forEach((line, index) => records.lines.push({
    order_id: order.id,
    line_no: index + 1,
    item_id: line.itemId,
    names: JSON.stringify(line.names),
    quantity: line.quantity,
    unit_price: line.unitPrice,
    options: JSON.stringify(line.options),
    diner_id: diner?.id ?? null,
    line_total: line.lineTotal,
  }))

  const outcome = outcomeOf(random)
  if (outcome === 'cancelled') {
    // Cancelled before anyone paid: no trade was made.
    const cancelledAt = at + random.int(60, 480) * SECOND
    Object.assign(order, { status: 'cancelled', cancel_reason: random.pick(CANCEL_REASONS), updated_at: iso(cancelledAt) })
    return { settledAt: cancelledAt, paidAt: null, expiresAt: null, order }
  }
  const payment = openPayment(ctx, records, order, input)
  if (outcome === 'unpaid') {
    // The QR ran out and the reconciler cancelled it: nothing was charged; the check cancels the order at the day's end.
    const expiredAt = Date.parse(payment.expires_at)
    Object.assign(payment, { status: 'cancelled', failure_code: PaymentFailureCodeEnum.EXPIRED, updated_at: iso(expiredAt) })
    records.events.push({ payment_id: payment.id, at: iso(expiredAt), source: 'reconciler', kind: 'cancelled', detail: JSON.stringify({ why: 'deadline', action: null }) })
    return { settledAt: null, paidAt: null, expiresAt: expiredAt, order }
  }
  const paidAt = Date.parse(payment.created_at) + random.int(20, 150) * SECOND
  markPaid(ctx, records, order, payment, paidAt)
  if (outcome === 'cancelled-after-paid') {
    const cancelledAt = paidAt + random.int(3, 15) * MINUTE
    const reason = random.pick(CANCEL_REASONS)
    Object.assign(order, { status: 'cancelled', cancel_reason: reason, updated_at: iso(cancelledAt) })
    refund(ctx, records, payment, payment.amount, reason, cancelledAt + random.int(5, 40) * SECOND)
    return { settledAt: paidAt, paidAt, expiresAt: null, order }
  }
  Object.assign(order, { status: 'served', updated_at: iso(Math.min(paidAt + random.int(12, 35) * MINUTE, settings.endMs - SECOND)) })
  if (random.chance(0.01)) laterRefund(ctx, records, payment, lines, paidAt)
  return { settledAt: paidAt, paidAt, expiresAt: null, order }
}

/** The payment as created: a QR on the tablet for this order, or a phone's check payment for its own order. */
function openPayment (ctx: HistoryContext, records: DayRecords, order: OrderRecord, input: NewOrder): PaymentRecord {
  const { random, settings } = ctx
  const createdAt = input.at + random.int(5, 40) * SECOND
  const expiresAt = iso(createdAt + settings.qrTimeoutS * SECOND)
  const phone = input.diner !== null
  const token = phone ? null : random.hex(24)
  const payment: PaymentRecord = {
    id: random.id('pay'),
    order_id: phone ? null : order.id,
    method: phone ? 'alipay_jsapi' : 'alipay_qr',
    status: 'paid',
    amount: order.total,
    refunded_amount: 0,
    currency: settings.currency,
    qr_code: token === null ? null : `${settings.sandboxUrl}/scan/${token}`,
    // A trade made for a known buyer has its number at once; a QR gets one when it is scanned.
    trade_no: phone ? tradeNo(random, createdAt) : null,
    buyer_id: input.diner?.alipay_user_id ?? null,
    expires_at: expiresAt,
    qr_deadline_at: expiresAt,
    failure_code: null,
    paid_at: null,
    created_at: iso(createdAt),
    updated_at: iso(createdAt),
    check_id: phone ? input.check.id : null,
    scope: phone ? 'mine' : null,
    subject: phone ? checkSubject(settings.storeName, input.tableLabel) : subjectFor(settings.storeName, order.number),
    qr_token: token,
  }
  records.payments.push(payment)
  if (phone) records.paymentOrders.push({ payment_id: payment.id, order_id: order.id, amount: order.total })
  const created = phone
    ? { amount: order.total, checkId: input.check.id, scope: 'mine', covers: [{ orderId: order.id, amount: order.total }] }
    : { amount: order.total, orderId: order.id }
  records.events.push(
    { payment_id: payment.id, at: iso(createdAt), source: 'api', kind: 'created', detail: JSON.stringify(created) },
    phone
      ? { payment_id: payment.id, at: iso(createdAt + 300), source: 'gateway', kind: 'trade-created', detail: JSON.stringify({ tradeNo: payment.trade_no }) }
      : { payment_id: payment.id, at: iso(createdAt + 300), source: 'gateway', kind: 'precreated', detail: JSON.stringify({ qrCode: payment.qr_code }) },
  )
  return payment
}

function tradeNo (random: Random, at: number): string {
  return `${beijingDay(at)}22${random.digits(18)}`
}

/** Alipay's notification arrived: the payment, and the order it pays, are paid in one transaction. */
function markPaid (ctx: HistoryContext, records: DayRecords, order: OrderRecord, payment: PaymentRecord, paidAt: number): void {
  const { random } = ctx
  payment.trade_no ??= tradeNo(random, paidAt)
  // A tablet's QR is paid by whoever scans it: an Alipay user the restaurant does not otherwise know.
  payment.buyer_id ??= `2088${random.digits(12)}`
  Object.assign(payment, { status: 'paid', paid_at: iso(paidAt), updated_at: iso(paidAt) })
  order.paid_at = iso(paidAt)
  records.events.push({
    payment_id: payment.id,
    at: iso(paidAt + random.int(1, 4) * SECOND),
    source: 'notify',
    kind: 'paid',
    detail: JSON.stringify({ tradeNo: payment.trade_no, buyerId: payment.buyer_id, amount: payment.amount, paidAt: formatBeijing(paidAt), previousStatus: 'waiting' }),
  })
}

/** About one paid order in a hundred gets money back: a dish, or the whole order; a quarter of them days later. */
function laterRefund (ctx: HistoryContext, records: DayRecords, payment: PaymentRecord, lines: PricedLine[], paidAt: number): void {
  const { random, settings } = ctx
  const amount = random.chance(0.7) ? random.pick(lines).lineTotal : payment.amount
  let at = paidAt + random.int(20, 90) * MINUTE
  if (random.chance(0.25)) {
    const later = paidAt + random.int(1, 3) * 24 * 60 * MINUTE + random.int(-120, 120) * MINUTE
    if (later < settings.endMs - MINUTE && !crossesLedgerStart(settings, paidAt, later)) at = later
  }
  refund(ctx, records, payment, amount, random.pick(REFUND_REASONS), Math.min(at, settings.endMs - MINUTE))
}

/** A refund asked for by staff and confirmed by Alipay a few seconds later. */
function refund (ctx: HistoryContext, records: DayRecords, payment: PaymentRecord, amount: number, reason: string, at: number): void {
  const { random, settings } = ctx
  const id = random.id('refund')
  let succeededAt = Math.min(at + random.int(2, 9) * SECOND, settings.endMs - SECOND)
  // Only where the bill day is not the store's day (another time zone) can a same-day refund cross it.
  const paidAt = Date.parse(payment.paid_at!)
  if (crossesLedgerStart(settings, paidAt, succeededAt)) {
    succeededAt = settings.ledgerFromMs! - SECOND
    at = Math.max(paidAt, succeededAt - 5 * SECOND)
  }
  const staffId = random.pick(HISTORY_STAFF).id
  records.refunds.push({ id, payment_id: payment.id, amount, reason, staff_id: staffId, created_at: iso(at), succeeded_at: iso(succeededAt) })
  payment.refunded_amount += amount
  payment.status = payment.refunded_amount >= payment.amount ? 'refunded' : 'partially_refunded'
  payment.updated_at = iso(succeededAt)
  records.events.push(
    { payment_id: payment.id, at: iso(at), source: 'staff', kind: 'refund-requested', detail: JSON.stringify({ refundId: id, amount, reason, staffId }) },
    { payment_id: payment.id, at: iso(succeededAt), source: 'api', kind: 'refunded', detail: JSON.stringify({ refundId: id, amount, fundChange: true }) },
  )
}

function crossesLedgerStart (settings: HistorySettings, paidAt: number, refundAt: number): boolean {
  return settings.ledgerFromMs !== null && paidAt < settings.ledgerFromMs && refundAt >= settings.ledgerFromMs
}
