// Orders: what a tablet (or a phone) sends, and what the server priced and stored.
import { Type, type Static } from 'typebox'
import { IdSchema, LocalizedTextSchema, MoneySchema, TimestampSchema, UuidSchema } from './common.js'
import { PaymentSchema } from './payment.js'
import { ORDER_STATUSES } from '../statuses.js'

// The statuses live in statuses.ts (no TypeBox); re-exported here for the schemas' users.
export { CANCEL_REASONS, CancelReasonEnum, canTransition, ORDER_STATUSES, ORDER_TRANSITIONS, OrderStatusEnum, type CancelReason, type OrderStatus } from '../statuses.js'

export const MAX_LINES_PER_ORDER = 50
export const MAX_QUANTITY_PER_LINE = 99
export const MAX_NOTE_LENGTH = 200
/** Longest text the staff order search takes. */
export const MAX_SEARCH_LENGTH = 100

export const CreateOrderLineSchema = Type.Object({
  itemId: IdSchema,
  quantity: Type.Integer({ minimum: 1, maximum: MAX_QUANTITY_PER_LINE }),
  optionIds: Type.Array(IdSchema, { maxItems: 30, uniqueItems: true }),
  note: Type.Optional(Type.String({ maxLength: MAX_NOTE_LENGTH })),
}, { additionalProperties: false })
export type CreateOrderLine = Static<typeof CreateOrderLineSchema>

export const CreateOrderSchema = Type.Object({
  clientOrderId: UuidSchema,
  lines: Type.Array(CreateOrderLineSchema, { minItems: 1, maxItems: MAX_LINES_PER_ORDER }),
  note: Type.Optional(Type.String({ maxLength: MAX_NOTE_LENGTH })),
}, { additionalProperties: false })
export type CreateOrder = Static<typeof CreateOrderSchema>

export const OrderLineOptionSchema = Type.Object({
  id: IdSchema,
  groupId: IdSchema,
  names: LocalizedTextSchema,
  priceDelta: Type.Integer(),
})
export type OrderLineOption = Static<typeof OrderLineOptionSchema>

export const OrderLineSchema = Type.Object({
  itemId: IdSchema,
  names: LocalizedTextSchema,
  quantity: Type.Integer({ minimum: 1 }),
  unitPrice: MoneySchema,
  options: Type.Array(OrderLineOptionSchema),
  note: Type.Union([Type.String(), Type.Null()]),
  dinerId: Type.Optional(Type.String()),
  lineTotal: MoneySchema,
})
export type OrderLine = Static<typeof OrderLineSchema>

export const OrderSchema = Type.Object({
  id: IdSchema,
  /** Short number shown to diners and the kitchen ("Order 42"); restarts never reuse one. */
  number: Type.Integer(),
  clientOrderId: Type.String(),
  tableId: IdSchema,
  tableLabel: Type.String(),
  status: Type.Enum(ORDER_STATUSES),
  lines: Type.Array(OrderLineSchema),
  subtotal: MoneySchema,
  total: MoneySchema,
  currency: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  cancelReason: Type.Union([Type.String(), Type.Null()]),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  payments: Type.Array(PaymentSchema),
})
export type Order = Static<typeof OrderSchema>

export const UpdateOrderStatusSchema = Type.Object({
  status: Type.Enum(ORDER_STATUSES),
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  /**
   * With status `cancelled`, managers only: also refund in full what is still refundable of the order's paid
   * payments, recorded in the cancel's own transaction (409 ORDER_NOT_PAID when nothing is; 409 REFUND_NOT_ALLOWED
   * when a check payment that also paid other orders was already partly refunded: staff refund by hand).
   */
  refund: Type.Optional(Type.Boolean()),
}, { additionalProperties: false })
export type UpdateOrderStatus = Static<typeof UpdateOrderStatusSchema>

export const OrderListQuerySchema = Type.Object({
  status: Type.Optional(Type.Enum(ORDER_STATUSES)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  /** Only orders changed (created, moved, cancelled) after this moment: a board catching up after a reconnect. */
  since: Type.Optional(TimestampSchema),
  /**
   * Search: digits match an order number exactly; other text a table's label or a dish's name in either
   * language, case-insensitive, anywhere in it.
   */
  q: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_SEARCH_LENGTH })),
  /** Store-local days (YYYY-MM-DD, STORE_TIMEZONE), inclusive, by when the order was placed; 400 REPORT_DATE_INVALID otherwise. */
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
}, { additionalProperties: false })
export type OrderListQuery = Static<typeof OrderListQuerySchema>
