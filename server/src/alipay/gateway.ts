// The protocol-neutral payment gateway the server talks to; Open Platform v2 is its first implementation.

/** Alipay trade states (the same names in the Open Platform and the Global MAPI). */
export const TRADE_STATUSES = ['WAIT_BUYER_PAY', 'TRADE_CLOSED', 'TRADE_SUCCESS', 'TRADE_FINISHED'] as const
export type TradeStatus = typeof TRADE_STATUSES[number]

export function isTradeStatus (value: unknown): value is TradeStatus {
  return typeof value === 'string' && (TRADE_STATUSES as readonly string[]).includes(value)
}

/** Only these two mean the money is in (docs/alipay.md, "Trade statuses"). */
export function isPaidStatus (status: TradeStatus): boolean {
  return status === 'TRADE_SUCCESS' || status === 'TRADE_FINISHED'
}

/** What was exchanged on the wire, for logs and debugging; never contains a private key. */
export interface GatewayExchange {
  /** The API called, e.g. `alipay.trade.query`. */
  method: string
  /** The exact string that was signed. */
  signContent?: string
  requestUrl?: string
  requestBody?: string
  httpStatus?: number
  /** The raw response text, decoded by its charset. */
  responseText?: string
}

export interface GatewaySuccess<T> {
  outcome: 'success'
  data: T
  raw?: GatewayExchange
}

/** A definite business failure: Alipay answered, and the operation did not happen. */
export interface GatewayFailure {
  outcome: 'failure'
  code: string
  msg: string
  subCode?: string
  subMsg?: string
  raw?: GatewayExchange
}

export type UnknownReason = 'timeout' | 'network' | 'http-status' | 'system-error' | 'bad-signature' | 'malformed'

/** The operation may or may not have happened: query, retry with the same parameters, or cancel (docs/alipay.md, "Unknown outcomes and retries"). */
export interface GatewayUnknown {
  outcome: 'unknown'
  reason: UnknownReason
  detail?: string
  code?: string
  subCode?: string
  subMsg?: string
  raw?: GatewayExchange
}

export type GatewayResult<T> = GatewaySuccess<T> | GatewayFailure | GatewayUnknown

/** How each protocol says "no such trade" (the Open Platform; the Global MAPI's query, and its other services). */
const TRADE_NOT_FOUND_CODES: readonly string[] = ['ACQ.TRADE_NOT_EXIST', 'TRANS_NOT_FOUND', 'TRADE_NOT_EXIST']

/** Alipay has no such trade: a QR nobody has scanned yet, or a trade that was never created. */
export function isTradeNotFound (failure: GatewayFailure): boolean {
  return failure.subCode !== undefined && TRADE_NOT_FOUND_CODES.includes(failure.subCode)
}

/** A trade is named by our number, Alipay's number, or both. */
export type TradeRef =
  | { outTradeNo: string, tradeNo?: string }
  | { outTradeNo?: string, tradeNo: string }

export interface TradeInput {
  /** Our payment id; unique per attempt (a retry after an unknown result uses a new one). */
  outTradeNo: string
  /** Integer minor units of the store's currency (fen for CNY). */
  totalAmount: number
  subject: string
  body?: string
  storeId?: string
  terminalId?: string
  operatorId?: string
  /** Overrides the gateway's configured seller. */
  sellerId?: string
  /** Alipay closes the unpaid trade this many minutes after creation (whole minutes, default 15). */
  timeoutMinutes?: number
  /** Absolute deadline; wins over `timeoutMinutes`. */
  expiresAt?: Date
  /** The product contracted with Alipay; each implementation has a sensible default. */
  productCode?: string
}

export type PrecreateInput = TradeInput

export interface PrecreateResult {
  outTradeNo: string
  /** The URL to render as a QR code for the diner to scan. */
  qrCode: string
}

/** The buyer, as `alipay.system.oauth.token` identified them: `userId` (2088…) or `openId`. */
export type Buyer = { buyerId: string, buyerOpenId?: undefined } | { buyerOpenId: string, buyerId?: undefined }

export type CreateInput = TradeInput & Buyer

export interface CreateResult {
  outTradeNo: string
  /** What the phone page passes to `tradePay`. */
  tradeNo: string
  /** Alipay answered "user paying" (10003): created, waiting for the buyer. */
  userPaying: boolean
}

export interface QueryResult {
  outTradeNo: string
  tradeNo: string
  tradeStatus: TradeStatus
  /** Integer minor units, as Alipay reports them (null when absent). */
  totalAmount: number | null
  receiptAmount: number | null
  buyerPayAmount: number | null
  buyerId?: string
  buyerOpenId?: string
  buyerLogonId?: string
  /** Beijing time `yyyy-MM-dd HH:mm:ss` as Alipay sent it. */
  paidAt?: string
  /** Alipay answered "user paying" (10003). */
  userPaying: boolean
}

export interface CancelResult {
  outTradeNo?: string
  tradeNo?: string
  /** `close`: it was unpaid and is closed; `refund`: it was paid and is refunded; null: nothing to do. */
  action: 'close' | 'refund' | null
  /** Alipay asks for the cancel to be called again. */
  retryFlag: boolean
}

export interface CloseResult {
  outTradeNo?: string
  tradeNo?: string
}

export type RefundInput = TradeRef & {
  /** The refund's idempotency key: stored before the call and reused on every retry. */
  outRequestNo: string
  /** Integer minor units of the store's currency (fen for CNY). */
  refundAmount: number
  reason?: string
  storeId?: string
  terminalId?: string
  operatorId?: string
}

export interface RefundResult {
  outTradeNo?: string
  tradeNo?: string
  /** This call moved money; false on a repeated `outRequestNo` that was already refunded. */
  fundChange: boolean
  /** Refunded amount in integer minor units: cumulative on the trade (Open Platform), or this refund's (MAPI). */
  refundFee: number
  refundedAt?: string
  buyerId?: string
  buyerOpenId?: string
}

export type RefundQueryInput = TradeRef & { outRequestNo: string }

export interface RefundQueryResult {
  outTradeNo?: string
  tradeNo?: string
  outRequestNo?: string
  /** True only when Alipay reports the refund as done; false means not received or failed. */
  refunded: boolean
  refundAmount: number | null
  totalAmount: number | null
  refundedAt?: string
}

export type OauthTokenInput = { code: string, refreshToken?: undefined } | { refreshToken: string, code?: undefined }

export interface OauthTokenResult {
  /** 2088… user id (older apps); pass as `buyerId`. */
  userId?: string
  /** Per-app open id (newer apps); pass as `buyerOpenId`. */
  openId?: string
  accessToken?: string
  expiresIn?: number
  refreshToken?: string
  reExpiresIn?: number
  unionId?: string
}

/** A day's trade bill (对账单), named by its Beijing calendar day `YYYY-MM-DD`. */
export interface TradeBillInput {
  billDate: string
}

export interface TradeBillResult {
  /** Where the zip of the day's CSV bill can be fetched (Alipay's links are short-lived). */
  downloadUrl: string
}

/** How the Open Platform says "no bill for that day (yet)": a day with no trades, or one not published yet. */
export const BILL_NOT_EXIST_SUB_CODE = 'isp.bill_not_exist'

/**
 * Every method resolves for anything that happens on the wire (timeouts and network errors are
 * `unknown` results); it rejects only for invalid input (TypeError/RangeError), before anything is sent.
 */
export interface AlipayGateway {
  /**
   * How a refund whose outcome is unknown is settled: `query` asks for it (the Open Platform's refund query, the
   * default); `resend` sends it again with the same idempotency key (the Global MAPI has no refund query).
   */
  readonly refundsConfirmedBy?: 'query' | 'resend'
  /** Merchant-presented QR (kiosk). */
  precreate (input: PrecreateInput): Promise<GatewayResult<PrecreateResult>>
  /** A trade for a known buyer (phone in the Alipay app). */
  create (input: CreateInput): Promise<GatewayResult<CreateResult>>
  query (ref: TradeRef): Promise<GatewayResult<QueryResult>>
  cancel (ref: TradeRef): Promise<GatewayResult<CancelResult>>
  close (ref: TradeRef): Promise<GatewayResult<CloseResult>>
  refund (input: RefundInput): Promise<GatewayResult<RefundResult>>
  refundQuery (input: RefundQueryInput): Promise<GatewayResult<RefundQueryResult>>
  oauthToken (input: OauthTokenInput): Promise<GatewayResult<OauthTokenResult>>
  /**
   * The download link of a day's trade bill (`alipay.data.dataservice.bill.downloadurl.query`, bill_type
   * trade). Absent on gateways without a bill API (Alipay Global's MAPI): reconciliation is then unavailable.
   */
  readonly tradeBillUrl?: (input: TradeBillInput) => Promise<GatewayResult<TradeBillResult>>
}
