// The data analyzer's shapes: the sales report, the end-of-day close (Z-report) and the reconciliation of a
// day against Alipay's bill. Amounts are integer minor units of `currency`; dates are the store's calendar
// days (STORE_TIMEZONE) as YYYY-MM-DD; hours and weekdays are local to the store too.
import { Type, type Static } from 'typebox'
import { IdSchema, LocalizedTextSchema, TimestampSchema } from './common.js'

/** A calendar day, YYYY-MM-DD (checked for a real date by the server, not only by this pattern). */
export const ReportDateSchema = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 })
export type ReportDate = Static<typeof ReportDateSchema>

/** The longest range one report covers (inclusive days). */
export const MAX_REPORT_DAYS = 366

/** A sum that may be zero: report amounts are never negative, but may be larger than one payment's limit. */
const AmountSchema = Type.Integer({ minimum: 0 })
const CountSchema = Type.Integer({ minimum: 0 })

export const SalesReportQuerySchema = Type.Object({
  from: ReportDateSchema,
  to: ReportDateSchema,
  /** `csv`: one row per order line instead of the JSON summary. */
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
  /** The CSV's header language (the dish column carries both names either way). */
  lang: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('zh-CN')])),
}, { additionalProperties: false })
export type SalesReportQuery = Static<typeof SalesReportQuerySchema>

/** Where the order was placed: the table's tablet or a diner's phone. */
export const SalesChannelEnum = { TABLET: 'tablet', PHONE: 'phone' } as const
export type SalesChannel = typeof SalesChannelEnum[keyof typeof SalesChannelEnum]

export const SalesTotalsSchema = Type.Object({
  /**
   * Orders counted in the range: paid (pay-first), or on a settled check (tab), on the day they were sold, even
   * if cancelled afterwards (their refund then counts on its own day). Unpaid orders, and orders cancelled
   * before they were sold, never.
   */
  orders: CountSchema,
  /** Sum of those orders' totals. */
  gross: AmountSchema,
  /**
   * Refunds staff made that succeeded in the range (whenever their order was sold). Tablepad's automatic
   * refunds (a double payment's surplus, a payment that arrived after its order was cancelled) give back money
   * that was never in gross, so they are not here: only in byMethod's refunds.
   */
  refunds: AmountSchema,
  /** gross − refunds; may be negative on a day with only refunds. */
  net: Type.Integer(),
  /** gross / orders rounded to the nearest minor unit; 0 with no orders. */
  averageOrder: AmountSchema,
  /** Orders and gross by where they were placed. */
  byChannel: Type.Array(Type.Object({ channel: Type.Enum(Object.values(SalesChannelEnum)), orders: CountSchema, gross: AmountSchema })),
  /** Diners known by their Alipay sign-in (phone orders), counted by a salted hash, never by id. */
  diners: Type.Object({
    unique: CountSchema,
    /** Of `unique`, those who had also ordered on an earlier day (within DINER_DATA_DAYS). */
    returning: CountSchema,
  }),
})
export type SalesTotals = Static<typeof SalesTotalsSchema>

export const SalesByDaySchema = Type.Object({ date: ReportDateSchema, orders: CountSchema, gross: AmountSchema, refunds: AmountSchema, net: Type.Integer() })
export const SalesByHourSchema = Type.Object({ hour: Type.Integer({ minimum: 0, maximum: 23 }), orders: CountSchema, gross: AmountSchema })
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const SalesByWeekdaySchema = Type.Object({ weekday: Type.Integer({ minimum: 1, maximum: 7 }), orders: CountSchema, gross: AmountSchema })
export const SalesByItemSchema = Type.Object({ itemId: Type.String(), names: LocalizedTextSchema, quantity: CountSchema, gross: AmountSchema })
export const SalesByCategorySchema = Type.Object({ categoryId: Type.String(), names: LocalizedTextSchema, quantity: CountSchema, gross: AmountSchema })
export const SalesByTableSchema = Type.Object({
  tableId: Type.String(),
  label: Type.String(),
  orders: CountSchema,
  gross: AmountSchema,
  /** Seatings: the table's checks that had a counted order in the range (its turnover). */
  checks: CountSchema,
})
export const SalesByMethodSchema = Type.Object({
  /** `alipay_qr`, `alipay_jsapi`, or `none` for orders that needed no payment (a zero total). */
  method: Type.String(),
  /** Payments that were paid in the range. */
  payments: CountSchema,
  amount: AmountSchema,
  /** Refunds that succeeded in the range against payments of this method, automatic ones included. */
  refunds: AmountSchema,
})
/** A dish marked sold out in the range, and when it came back (null: still sold out at the range's end). */
export const SoldOutEventSchema = Type.Object({
  itemId: Type.String(),
  names: LocalizedTextSchema,
  at: TimestampSchema,
  until: Type.Union([TimestampSchema, Type.Null()]),
})

/** `GET /api/staff/reports/sales?from&to` (JSON). Every day of the range, every hour and weekday appear, zeros included. */
export const SalesReportSchema = Type.Object({
  currency: Type.String(),
  timezone: Type.String(),
  from: ReportDateSchema,
  to: ReportDateSchema,
  totals: SalesTotalsSchema,
  byDay: Type.Array(SalesByDaySchema),
  byHour: Type.Array(SalesByHourSchema),
  byWeekday: Type.Array(SalesByWeekdaySchema),
  /** Sorted by gross, highest first. */
  byItem: Type.Array(SalesByItemSchema),
  byCategory: Type.Array(SalesByCategorySchema),
  byTable: Type.Array(SalesByTableSchema),
  byMethod: Type.Array(SalesByMethodSchema),
  soldOut: Type.Array(SoldOutEventSchema),
})
export type SalesReport = Static<typeof SalesReportSchema>

// ---- End-of-day close (Z-report) ----------------------------------------------------------------

export const DayCloseActionEnum = { CLOSE: 'close', REOPEN: 'reopen' } as const
export type DayCloseAction = typeof DayCloseActionEnum[keyof typeof DayCloseActionEnum]

export const DayParamsSchema = Type.Object({ date: ReportDateSchema }, { additionalProperties: false })
export const ReopenDaySchema = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false })

/** The figures of a business day, as printed on its Z-report. */
export const DayFiguresSchema = Type.Object({
  /** Counted as SalesTotals counts them: refunds are those staff made; automatic ones are in byMethod and the list only. */
  totals: Type.Object({ orders: CountSchema, gross: AmountSchema, refunds: AmountSchema, net: Type.Integer() }),
  byMethod: Type.Array(SalesByMethodSchema),
  /** Every refund that succeeded that day. */
  refunds: Type.Array(Type.Object({
    refundId: IdSchema,
    orderNumber: Type.Union([Type.Integer(), Type.Null()]),
    amount: AmountSchema,
    reason: Type.String(),
    at: TimestampSchema,
    staffName: Type.Union([Type.String(), Type.Null()]),
    /**
     * Asked for by staff, so it is in the day's refunds total; false for a refund Tablepad sent by itself (a double
     * payment's surplus), which returns money that was never a sale: listed, not counted against sales.
     */
    againstSales: Type.Boolean(),
  })),
  cancelled: Type.Array(Type.Object({
    orderId: IdSchema,
    orderNumber: Type.Integer(),
    tableLabel: Type.String(),
    total: AmountSchema,
    reason: Type.Union([Type.String(), Type.Null()]),
    at: TimestampSchema,
  })),
  /** Checks still open when the report was made. */
  openChecks: Type.Array(Type.Object({
    checkId: IdSchema,
    tableLabel: Type.String(),
    openedAt: TimestampSchema,
    total: AmountSchema,
    due: AmountSchema,
  })),
  /** Orders of the day neither paid nor cancelled (waiting for payment, or on an unsettled check). */
  unpaidOrders: Type.Array(Type.Object({
    orderId: IdSchema,
    orderNumber: Type.Integer(),
    tableLabel: Type.String(),
    total: AmountSchema,
    status: Type.String(),
    placedAt: TimestampSchema,
  })),
})
export type DayFigures = Static<typeof DayFiguresSchema>

export const DayCloseEntrySchema = Type.Object({
  action: Type.Enum(Object.values(DayCloseActionEnum)),
  at: TimestampSchema,
  staffId: IdSchema,
  staffName: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
})

/**
 * `GET /api/staff/reports/days/:date`: the day's Z-report. While the day is open, `figures` are live; once
 * closed, `figures` are those recorded at the close and `changedSinceClose` says whether anything of the
 * day moved afterwards (a late refund, say).
 */
export const DayReportSchema = Type.Object({
  date: ReportDateSchema,
  currency: Type.String(),
  timezone: Type.String(),
  storeName: Type.String(),
  figures: DayFiguresSchema,
  closed: Type.Union([Type.Object({ at: TimestampSchema, staffId: IdSchema, staffName: Type.String() }), Type.Null()]),
  changedSinceClose: Type.Boolean(),
  /** Every close and reopen of the day, oldest first. */
  history: Type.Array(DayCloseEntrySchema),
  generatedAt: TimestampSchema,
})
export type DayReport = Static<typeof DayReportSchema>

// ---- Reconciliation against Alipay's bill ------------------------------------------------------

export const ReconciliationStatusEnum = {
  /** Never run for this day. */
  NOT_RUN: 'not_run',
  /** Every trade and refund on both sides agrees. */
  MATCHED: 'matched',
  MISMATCHED: 'mismatched',
  /** Alipay has no bill for the day (yet): `bill_not_exist`; tried again later. */
  NO_BILL: 'no_bill',
  /** This gateway has no bill API (Alipay Global's MAPI): nothing to compare against. */
  UNAVAILABLE: 'unavailable',
  /** The bill could not be fetched or read; `reason` says why, tried again later. */
  FAILED: 'failed',
} as const
export type ReconciliationStatus = typeof ReconciliationStatusEnum[keyof typeof ReconciliationStatusEnum]

export const MismatchKindEnum = {
  /** A trade or refund in Alipay's bill with no payment or refund here. */
  ONLY_AT_ALIPAY: 'only_at_alipay',
  /** A payment paid (or a refund succeeded) here that Alipay's bill does not list. */
  ONLY_HERE: 'only_here',
  AMOUNT_DIFFERS: 'amount_differs',
  REFUND_DIFFERS: 'refund_differs',
} as const
export type MismatchKind = typeof MismatchKindEnum[keyof typeof MismatchKindEnum]

export const ReconciliationMismatchSchema = Type.Object({
  kind: Type.Enum(Object.values(MismatchKindEnum)),
  outTradeNo: Type.String(),
  /** The refund's out_request_no, for refund lines. */
  outRequestNo: Type.Union([Type.String(), Type.Null()]),
  tradeNo: Type.Union([Type.String(), Type.Null()]),
  paymentId: Type.Union([IdSchema, Type.Null()]),
  /** Our amount and Alipay's, minor units; null on the side that has nothing. */
  here: Type.Union([Type.Integer(), Type.Null()]),
  alipay: Type.Union([Type.Integer(), Type.Null()]),
})
export type ReconciliationMismatch = Static<typeof ReconciliationMismatchSchema>

/** `GET /api/staff/reports/reconciliation/:date`; `POST` the same path runs it now (managers). */
export const ReconciliationSchema = Type.Object({
  /** Alipay's bill day (its bills run midnight to midnight Beijing time). */
  date: ReportDateSchema,
  status: Type.Enum(Object.values(ReconciliationStatusEnum)),
  checkedAt: Type.Union([TimestampSchema, Type.Null()]),
  counts: Type.Object({
    matched: CountSchema,
    onlyAtAlipay: CountSchema,
    onlyHere: CountSchema,
    amountDiffers: CountSchema,
    refundDiffers: CountSchema,
  }),
  mismatches: Type.Array(ReconciliationMismatchSchema),
  /** Why it failed or is unavailable: a code the console words (e.g. `bill_not_exist`, `unsupported_gateway`). */
  reason: Type.Union([Type.String(), Type.Null()]),
})
export type Reconciliation = Static<typeof ReconciliationSchema>
