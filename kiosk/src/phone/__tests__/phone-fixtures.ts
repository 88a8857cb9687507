// The phone specs' server: a table's check worded for diner 1 ("isMe"), with orders by each kind of orderer.
import type { Check, CheckDiner, CheckOrder } from '@shared/schemas/check'
import type { CreateOrder } from '@shared/schemas/order'
import type { Payment } from '@shared/schemas/payment'
import { orderFor, paymentFor } from '@/__tests__/support'

export const TABLE_CODE = 'AB12CD'
const AT = '2030-01-01T12:00:00.000Z'

export const DINERS: CheckDiner[] = [
  { id: 'din_me', number: 1, label: 'Diner 1', isMe: true },
  { id: 'din_2', number: 2, label: 'Diner 2', isMe: false },
]

let serial = 0

/** An order of the check, placed by `dinerId` (null: the table's tablet); still fully due unless told. */
export function checkOrder (lines: CreateOrder['lines'], dinerId: string | null, overrides: Partial<CheckOrder> = {}): CheckOrder {
  serial += 1
  const order = orderFor({ clientOrderId: `0000000${serial}-0000-4000-8000-000000000000`, lines }, { id: `ord_${serial}`, number: serial })
  return { ...order, dinerId, due: order.total, ...overrides }
}

export function checkOf (orders: CheckOrder[], overrides: Partial<Check> = {}): Check {
  const total = orders.filter(order => order.status !== 'cancelled').reduce((sum, order) => sum + order.total, 0)
  const due = orders.reduce((sum, order) => sum + order.due, 0)
  return {
    id: 'chk_1',
    tableId: 'tbl_5',
    tableLabel: '5',
    status: 'open',
    paymentMode: 'pay-first',
    currency: 'CNY',
    orders,
    diners: DINERS,
    total,
    paid: total - due,
    due,
    pending: 0,
    split: null,
    payments: [],
    openedAt: AT,
    closedAt: null,
    ...overrides,
  }
}

/** The server's answer to an alipay_jsapi check payment: a trade created for the diner. */
export function jsapiPayment (amount: number, overrides: Partial<Payment> = {}): Payment {
  return {
    ...paymentFor({ id: 'unused', total: amount }),
    id: 'pay_9',
    orderId: null,
    checkId: 'chk_1',
    method: 'alipay_jsapi',
    qrCode: null,
    tradeNo: '2030010122001400000000000009',
    ...overrides,
  }
}

export function apiError (status: number, code: string) {
  return { status, body: { code, message: code } }
}
