// The rows one generated day adds, shaped as the tables hold them (snake_case, ISO UTC text, JSON as text).
// Only what the generator writes is listed; the writer binds these objects to its prepared statements.

export interface CheckRecord {
  id: string
  table_id: string
  status: 'closed'
  payment_mode: 'pay-first'
  opened_at: string
  closed_at: string
  /** Set when staff closed it (a walk-out, or nothing left but cancelled orders); null when it closed itself. */
  close_reason: string | null
}

export interface CheckDinerRecord { check_id: string, diner_id: string, number: number, joined_at: string }

export interface OrderRecord {
  id: string
  number: number
  client_order_id: string
  request_hash: string
  table_id: string
  status: 'placed' | 'served' | 'cancelled'
  subtotal: number
  total: number
  currency: string
  cancel_reason: string | null
  created_at: string
  updated_at: string
  check_id: string
  diner_id: string | null
  /** When it was sold (migration 008); null when never paid. */
  paid_at: string | null
}

export interface OrderLineRecord {
  order_id: string
  line_no: number
  item_id: string
  names: string
  quantity: number
  unit_price: number
  options: string
  diner_id: string | null
  line_total: number
}

export interface PaymentRecord {
  id: string
  order_id: string | null
  method: 'alipay_qr' | 'alipay_jsapi'
  status: 'paid' | 'partially_refunded' | 'refunded' | 'cancelled'
  amount: number
  refunded_amount: number
  currency: string
  qr_code: string | null
  trade_no: string | null
  buyer_id: string | null
  expires_at: string
  qr_deadline_at: string
  failure_code: string | null
  paid_at: string | null
  created_at: string
  updated_at: string
  check_id: string | null
  scope: 'mine' | null
  /** Emulator ledger only: the table's label and the order number, for Alipay's subject. */
  subject: string
  /** Emulator ledger only: the QR's token (precreate). */
  qr_token: string | null
}

export interface PaymentEventRecord { payment_id: string, at: string, source: string, kind: string, detail: string }

export interface PaymentOrderRecord { payment_id: string, order_id: string, amount: number }

export interface RefundRecord {
  id: string
  payment_id: string
  amount: number
  reason: string
  /** The (former) staff member who asked for it: a staff refund counts against sales. */
  staff_id: string
  created_at: string
  /** When it succeeded (migration 008); also its updated_at. */
  succeeded_at: string
}

export interface AvailabilityEventRecord { item_id: string, available: 0 | 1, at: string }

export interface DinerRecord {
  id: string
  alipay_user_id: string
  created_at: string
  id_hash: string
  last_seen_at: string
}

/** Everything one day adds. Refunds may fall on a later day than their payment, as they do in life. */
export interface DayRecords {
  /** Diners seen for the first time this day. */
  diners: DinerRecord[]
  checks: CheckRecord[]
  checkDiners: CheckDinerRecord[]
  orders: OrderRecord[]
  lines: OrderLineRecord[]
  payments: PaymentRecord[]
  paymentOrders: PaymentOrderRecord[]
  events: PaymentEventRecord[]
  refunds: RefundRecord[]
  availability: AvailabilityEventRecord[]
}

export function emptyDay (): DayRecords {
  return { diners: [], checks: [], checkDiners: [], orders: [], lines: [], payments: [], paymentOrders: [], events: [], refunds: [], availability: [] }
}
