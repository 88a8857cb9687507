// The table's check as its screens see it (GET /api/table/check), who may see it, paying it
// (POST /api/table/check/payments) and staff closing it.
import { inTransaction } from '../db/transaction.js'
import type { Db } from '../db/database.js'
import type { CheckRow } from '../db/schema.js'
import type { EventHub } from '../lib/event-hub.js'
import type { PaymentService } from '../payments/payment-service.js'
import type { Buyer } from '../alipay/gateway.js'
import { nowIso } from '../lib/tokens.js'
import { assemble, markCheckOrdersSold } from '../repositories/orders.js'
import { checkDiners, closeCheck, dinerArrivedAfterLastCheck, findCheck, findCurrentCheck, hasJoinedCheck, joinCheck } from '../repositories/checks.js'
import { findDinerById } from '../repositories/diners.js'
import { tableLabelById } from '../repositories/tables.js'
import { toPayment } from '../repositories/payments.js'
import { CheckNotFoundError, CheckNotSettledError, JsapiNeedsDinerError } from '../payments/errors.js'
import { BadRequestError } from '../errors.js'
import { formatMoney } from '#shared/money.js'
import { PaymentMethodEnum, type Payment } from '#shared/schemas/payment.js'
import { CheckStatusEnum, PaymentModeEnum, type Check, type CheckStatus, type CreateCheckPayment, type PaymentMode } from '#shared/schemas/check.js'
import { OPEN_PAYMENT_STATUSES, REFUNDABLE_PAYMENT_STATUSES, type PaymentStatus } from '#shared/statuses.js'
import { loadCheckState, planCheckPayment } from './check-ledger.js'
import { nextSplitPart } from './check-arithmetic.js'
import { publishCheckChanged } from './check-events.js'

/** Who asks at the table: its tablet (dinerId null) or a diner's phone. */
export interface CheckAsker {
  tableId: string
  tableLabel: string
  dinerId: string | null
}

/**
 * The check the asker may see: the table's open check, else the one closed last. A diner sees it only if
 * they joined it (ordered into it) or it is open and their newest session at the table began after the
 * table's previous check closed, so a phone left from an earlier meal does not see the next party's bill.
 */
export async function visibleCheck (db: Db, asker: CheckAsker): Promise<CheckRow> {
  const check = await findCurrentCheck(db, asker.tableId)
  if (!check) throw new CheckNotFoundError()
  if (asker.dinerId === null) return check
  if (await hasJoinedCheck(db, check.id, asker.dinerId)) return check
  if (check.status !== CheckStatusEnum.OPEN) throw new CheckNotFoundError()
  if (!await dinerArrivedAfterLastCheck(db, asker.tableId, asker.dinerId)) throw new CheckNotFoundError()
  return check
}

/** The check worded for the asker (isMe), with its orders, diners, money and running split. */
export async function checkView (db: Db, check: CheckRow, asker: { dinerId: string | null }, currency: string): Promise<Check> {
  const state = await loadCheckState(db, check)
  const orders = await assemble(db, state.orders)
  const diners = await checkDiners(db, check.id)
  const label = orders[0]?.tableLabel ?? (await tableLabelById(db, check.table_id)) ?? ''
  const byId = new Map(state.orders.map(row => [row.id, row]))
  let split: Check['split'] = null
  if (check.split_parts !== null && check.split_base !== null && state.splitParts.length <= check.split_parts) {
    const paidParts = state.splitParts.filter(part => REFUNDABLE_PAYMENT_STATUSES.includes(part.status as PaymentStatus)).length
    const taken = state.splitParts.map(part => part.amount)
    split = {
      parts: check.split_parts,
      base: check.split_base,
      paidParts,
      nextAmount: taken.length < check.split_parts ? nextSplitPart(check.split_base, check.split_parts, taken) : 0,
    }
  }
  return {
    id: check.id,
    tableId: check.table_id,
    tableLabel: label,
    status: check.status as CheckStatus,
    paymentMode: check.payment_mode as PaymentMode,
    currency,
    orders: orders.map(order => ({ ...order, dinerId: byId.get(order.id)?.diner_id ?? null, due: state.ledger.dueByOrder.get(order.id) ?? 0 })),
    diners: diners.map(diner => ({ id: diner.dinerId, number: diner.number, label: `Diner ${diner.number}`, isMe: diner.dinerId === asker.dinerId })),
    total: state.ledger.total,
    paid: state.ledger.paid,
    due: state.ledger.due,
    pending: state.ledger.pending,
    split,
    payments: state.payments.map(toPayment),
    openedAt: check.opened_at,
    closedAt: check.closed_at,
  }
}

export interface CheckPaymentDeps {
  db: Db
  payments: Pick<PaymentService, 'startCheckPayment'>
  /** The store's name (the trade's subject) and currency. */
  settings: { name: string, currency: string }
}

/** The buyer Alipay's trade.create needs: the diner's user id, else their open id. */
async function buyerOf (db: Db, dinerId: string): Promise<Buyer> {
  const diner = await findDinerById(db, dinerId)
  if (diner?.alipayUserId) return { buyerId: diner.alipayUserId }
  if (diner?.alipayOpenId) return { buyerOpenId: diner.alipayOpenId }
  throw new Error(`diner ${dinerId} has no Alipay id`)
}

/** Starts a payment against the asker's check; the amount is decided (or refused) in the transaction that records it. */
export async function payCheck (deps: CheckPaymentDeps, asker: CheckAsker, body: CreateCheckPayment): Promise<Payment> {
  if (body.method === PaymentMethodEnum.ALIPAY_JSAPI && asker.dinerId === null) throw new JsapiNeedsDinerError()
  const owner = ownerOfMine(asker, body)
  const check = await visibleCheck(deps.db, asker)
  const buyer = body.method === PaymentMethodEnum.ALIPAY_JSAPI ? await buyerOf(deps.db, asker.dinerId!) : null
  return deps.payments.startCheckPayment({
    method: body.method,
    tableId: asker.tableId,
    subject: checkSubject(deps.settings.name, asker.tableLabel),
    buyer,
    plan: async (trx) => {
      // Read again inside the transaction: a payment or an order committed since the read above counts.
      const fresh = (await findCheck(trx, check.id))!
      const plan = await planCheckPayment(trx, fresh, { dinerId: owner }, { scope: body.scope, ...(body.parts !== undefined ? { parts: body.parts } : {}) }, deps.settings.currency)
      // A diner who pays without having ordered (an even part, the rest) joins the check as one who ordered does.
      if (asker.dinerId !== null) await joinCheck(trx, check.id, asker.dinerId, nowIso())
      return plan
    },
  })
}

/**
 * Whose orders `mine` pays: the asker's own, or — from the table's tablet only — the diner it names (a diner of
 * another check, or none at all, simply has nothing due here: 409 NOTHING_DUE).
 */
function ownerOfMine (asker: CheckAsker, body: CreateCheckPayment): string | null {
  if (body.dinerId === undefined) return asker.dinerId
  if (body.scope !== 'mine') throw new BadRequestError('dinerId goes only with scope "mine"')
  // A phone pays only its own part; naming itself is the same as naming nobody.
  if (asker.dinerId !== null && body.dinerId !== asker.dinerId) throw new BadRequestError('a diner pays only their own part')
  return body.dinerId
}

/** Alipay's subject for a check: the restaurant and the table. */
export function checkSubject (storeName: string, tableLabel: string): string {
  return `${storeName} ${tableLabel}`.replace(/[/=&]/g, ' ').slice(0, 256)
}

export interface CloseCheckDeps {
  db: Db
  events: EventHub
  payments: Pick<PaymentService, 'cancelByDiner'>
  settings: { currency: string }
}

/**
 * Staff close the table's open check. One that still owes money needs a reason (paid at the counter,
 * say); payments still open are cancelled so no QR takes money for a closed check.
 */
export async function closeTableCheck (deps: CloseCheckDeps, tableId: string, staffId: string, reason: string | undefined): Promise<Check> {
  const check = await findCurrentCheck(deps.db, tableId)
  if (!check || check.status !== CheckStatusEnum.OPEN) throw new CheckNotFoundError()
  const { ledger, payments } = await loadCheckState(deps.db, check)
  const why = reason?.trim() ? reason.trim() : null
  if (ledger.due > 0 && why === null) throw new CheckNotSettledError(formatMoney(ledger.due, deps.settings.currency, 'en'))
  const at = nowIso()
  await inTransaction(deps.db, async trx => {
    if (!await closeCheck(trx, check.id, at, why, staffId)) return
    // A tab is sold when it is settled: closed owing nothing (read again here, so an order or payment that
    // committed since the read above counts). One closed still owing was not paid through Tablepad.
    if (check.payment_mode === PaymentModeEnum.TAB && (await loadCheckState(trx, check)).ledger.due === 0) {
      await markCheckOrdersSold(trx, check.id, at)
    }
  })
  for (const payment of payments) {
    if (OPEN_PAYMENT_STATUSES.includes(payment.status as PaymentStatus)) await deps.payments.cancelByDiner(payment.id)
  }
  publishCheckChanged(deps.events, tableId, check.id)
  return checkView(deps.db, (await findCheck(deps.db, check.id))!, { dinerId: null }, deps.settings.currency)
}
