// Row types of the database as Kysely sees them (snake_case columns; JSON kept as TEXT).
import type { Generated, Selectable } from 'kysely'

export interface SettingsTable { key: string, value: string, store_id: Generated<string> }

export interface StaffTable {
  /** The store the staff member works in; null for a chain owner (role 'owner'), who works in every store. (019) */
  store_id: string | null
  id: string
  name: string
  role: string
  pin_hash: string
  created_at: string
  disabled_at: string | null
}

export interface StaffSessionsTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  token_hash: string
  staff_id: string
  created_at: string
  expires_at: string
}

export interface TablesTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  id: string
  label: string
  code: string
  seats: number
  sort: number
  created_at: string
  /** Set when staff removed the table; past orders still reference it. (002) */
  removed_at: string | null
  /** The table's name in Chinese, or null to show `label` in every language. (014) */
  label_zh: string | null
}

export interface DevicesTable {
  /** The store the tablet is paired to; null until it is paired. (019) */
  store_id: string | null
  id: string
  name: string
  token_hash: string
  table_id: string | null
  paired_at: string | null
  last_seen_at: string | null
  app_version: string | null
  created_at: string
  /** Orders waiting in the tablet's outbox, as it last reported (004). */
  unsent_orders: number | null
}

export interface PairingCodesTable {
  code: string
  device_id: string
  expires_at: string
}

export interface CategoriesTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  id: string
  names: string
  sort: number
  /** Set when a manager removed the category; removed dishes may still point at it. (004) */
  removed_at: string | null
}

export interface ItemsTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  id: string
  category_id: string
  names: string
  descriptions: string
  price: number
  image: string
  tags: string
  allergens: string
  available: number
  sort: number
  /** Set when a manager removed the dish; past order lines keep their own snapshots. (004) */
  removed_at: string | null
}

export interface OptionGroupsTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  id: string
  item_id: string
  names: string
  min: number
  max: number
  sort: number
}

export interface OptionsTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  id: string
  group_id: string
  names: string
  price_delta: number
  available: number
  sort: number
}

export interface OrdersTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  id: string
  number: number
  client_order_id: string
  /** SHA-256 of the canonical request body: the same id with another body is refused. */
  request_hash: string
  device_id: string | null
  table_id: string
  status: string
  subtotal: number
  total: number
  currency: string
  note: string | null
  cancel_reason: string | null
  created_at: string
  updated_at: string
  /** The table's check it belongs to; null only for orders placed before checks existed. (006) */
  check_id: string | null
  /** The diner who placed it from their phone; null when placed on the table's tablet. (006) */
  diner_id: string | null
  /** When it was sold: became paid (pay-first) or its check was settled (tab); null until then. (008) */
  paid_at: string | null
}

export interface OrderLinesTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  order_id: string
  line_no: number
  item_id: string
  names: string
  quantity: number
  unit_price: number
  options: string
  note: string | null
  diner_id: string | null
  line_total: number
}

export interface PaymentsTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  id: string
  /** The order it pays; null for a payment against a check. (nullable since 006) */
  order_id: string | null
  method: string
  status: string
  amount: number
  refunded_amount: Generated<number>
  currency: string
  qr_code: string | null
  trade_no: string | null
  buyer_id: string | null
  /** When the reconciler settles it: the QR's deadline, moved to "now" by a diner's cancel. */
  expires_at: string | null
  /** The QR's deadline as set at creation, never moved: payments after it are late. */
  qr_deadline_at: string | null
  failure_code: string | null
  /** When Alipay says the diner paid (gmt_payment / send_pay_date), else when we learned of it. */
  paid_at: string | null
  next_check_at: string | null
  unknown_since: string | null
  created_at: string
  updated_at: string
  /** The check it pays (scope all / mine / even); null for a single order's payment. (006) */
  check_id: string | null
  scope: string | null
  /** The buyer's open id, for trades created for a known buyer (alipay_jsapi). (006) */
  buyer_open_id: string | null
  /** The process checking it now (its instance id) and until when; null or past: free. (016) */
  lease_owner: string | null
  lease_until: string | null
}

export interface PaymentEventsTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  id: Generated<number>
  payment_id: string
  at: string
  source: string
  kind: string
  detail: string
}

export interface RefundsTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  id: string
  payment_id: string
  out_request_no: string
  amount: number
  reason: string
  status: string
  staff_id: string | null
  failure_code: string | null
  next_check_at: string | null
  created_at: string
  updated_at: string
  /** When it reached `succeeded`: the day a report counts it on. (008) */
  succeeded_at: string | null
  /** The process sending or confirming it now and until when, as on payments. (016) */
  lease_owner: string | null
  lease_until: string | null
}

/** Every sold-out switch of a dish (available 0) and its return (1), for the reports. (008) */
export interface MenuAvailabilityEventsTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  id: Generated<number>
  item_id: string
  available: number
  at: string
  staff_id: string | null
}

export interface AlertsTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  id: string
  kind: string
  severity: string
  payment_id: string | null
  order_id: string | null
  detail: string
  created_at: string
  acknowledged_at: string | null
  acknowledged_by: string | null
}

export interface DinersTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  id: string
  alipay_user_id: string | null
  alipay_open_id: string | null
  created_at: string
  /** HMAC-SHA256 of the Alipay id under the `diner_hash_salt` setting: what reports count diners by. (009) */
  id_hash: string | null
  /** Last sign-in; DINER_DATA_DAYS after it the ids and hash are erased. Null only before 009's backfill. (009) */
  last_seen_at: string | null
}

export interface DinerSessionsTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  token_hash: string
  diner_id: string
  table_id: string
  created_at: string
  expires_at: string
}

export interface OAuthStatesTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  /** SHA-256 of the state value sent to Alipay. */
  id: string
  table_id: string
  /** SHA-256 of the `tp_oauth` cookie of the browser that started the round trip. */
  browser_hash: string
  created_at: string
  expires_at: string
  used_at: string | null
}

export interface ChecksTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  id: string
  table_id: string
  status: string
  /** The payment mode the check was opened in, kept until it closes. */
  payment_mode: string
  split_parts: number | null
  split_base: number | null
  /** When the running split's first part was asked for: its parts are the even payments since. */
  split_started_at: string | null
  opened_at: string
  closed_at: string | null
  close_reason: string | null
  /** The staff member who closed it; null when it closed itself (fully paid). */
  closed_by: string | null
}

export interface CheckDinersTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  check_id: string
  diner_id: string
  number: number
  joined_at: string
}

export interface PaymentOrdersTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  payment_id: string
  order_id: string
  /** What of the order the payment covers (planned at creation, as applied once paid). */
  amount: number
}

/** A closed business day: its Z-report figures as they were at the close (DayFigures JSON). (009) */
export interface BusinessDaysTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  date: string
  figures: string
  closed_at: string
  closed_by: string
}

/** Every close and reopen of a business day. (009) */
export interface BusinessDayLogTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  id: Generated<number>
  date: string
  action: string
  staff_id: string
  at: string
  reason: string | null
}

/** The latest reconciliation of an Alipay bill day (Beijing time). (010) */
export interface BillReconciliationsTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  date: string
  status: string
  checked_at: string
  reason: string | null
  /** Reconciliation['counts'] as JSON. */
  counts: string
  /** ReconciliationMismatch[] as JSON. */
  mismatches: string
}

/** A mismatch of a bill day staff were alerted to, so another run of the day does not alert again. (010) */
export interface BillReconciliationAlertsTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  date: string
  mismatch_key: string
  alert_id: string
  created_at: string
}

/** A kitchen or counter printer, raw ESC/POS over TCP. (012) */
export interface PrintersTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  id: string
  name: string
  host: string
  port: number
  language: string
  routing: string
  /** JSON array of category ids (routing `categories`). */
  category_ids: string
  created_at: string
  updated_at: string
  /** Its open printer.unreachable alert, resolved when it prints again. */
  alert_id: string | null
  failing_since: string | null
  last_error: string | null
  last_printed_at: string | null
}

/** What a printer still has to print (printed_at null), in id order; kept once printed, for reprints' history. (012) */
export interface PrintJobsTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  id: Generated<number>
  printer_id: string
  kind: string
  order_id: string | null
  /** JSON array of the order's line numbers on this ticket; null for receipts and test pages. */
  line_nos: string | null
  staff_id: string | null
  created_at: string
  attempts: Generated<number>
  last_error: string | null
  printed_at: string | null
}

/** A past store day's sales figures, computed once (reports/sales-days.ts). (011) */
export interface SalesDaysTable {
  /** The store the row belongs to; a scoped handle (db/store-scope.ts) fills it in. (019) */
  store_id: Generated<string>
  timezone: string
  /** YYYY-MM-DD in `timezone`. */
  date: string
  /** SALES_DAY_SHAPE when written: rows of another shape are never read. */
  shape: number
  /** SalesSpan JSON. */
  figures: string
  computed_at: string
}

/** A request limit's or failure counter's window, shared by the processes on PostgreSQL (017). */
export interface RateLimitsTable {
  scope: string
  key: string
  count: number
  /** Epoch milliseconds; the row counts as absent from then on. */
  reset_at: number
}

/** An uploaded picture on PostgreSQL, named by the SHA-256 of its bytes (018). */
export interface MediaBlobsTable {
  hash: string
  type: string
  bytes: Buffer
  created_at: string
}

/** A restaurant of the chain (019). Global: not store-scoped. */
export interface StoresTable {
  id: string
  /** Lower-case a-z0-9-, typed at staff login. */
  slug: string
  name: string
  /** AES-256-GCM sealed JSON of the store's own settings (lib/secrets.ts), or null for the environment's. */
  sealed_settings: string | null
  created_at: string
}

/** A singleton job's lease across processes: held by `owner` (an instance id) until `until` (ISO). (016) */
export interface LeasesTable {
  name: string
  owner: string
  until: string
}

export interface Database {
  stores: StoresTable
  settings: SettingsTable
  staff: StaffTable
  staff_sessions: StaffSessionsTable
  tables: TablesTable
  devices: DevicesTable
  pairing_codes: PairingCodesTable
  categories: CategoriesTable
  items: ItemsTable
  option_groups: OptionGroupsTable
  options: OptionsTable
  orders: OrdersTable
  order_lines: OrderLinesTable
  payments: PaymentsTable
  payment_events: PaymentEventsTable
  refunds: RefundsTable
  alerts: AlertsTable
  diners: DinersTable
  diner_sessions: DinerSessionsTable
  oauth_states: OAuthStatesTable
  checks: ChecksTable
  check_diners: CheckDinersTable
  payment_orders: PaymentOrdersTable
  menu_availability_events: MenuAvailabilityEventsTable
  business_days: BusinessDaysTable
  business_day_log: BusinessDayLogTable
  bill_reconciliations: BillReconciliationsTable
  bill_reconciliation_alerts: BillReconciliationAlertsTable
  sales_days: SalesDaysTable
  printers: PrintersTable
  print_jobs: PrintJobsTable
  leases: LeasesTable
  rate_limits: RateLimitsTable
  media_blobs: MediaBlobsTable
}

export type OrderRow = Selectable<OrdersTable>
export type ItemRow = Selectable<ItemsTable>
export type DeviceRow = Selectable<DevicesTable>
export type TableRow = Selectable<TablesTable>
export type StaffRow = Selectable<StaffTable>
export type StoreRow = Selectable<StoresTable>
export type PaymentRow = Selectable<PaymentsTable>
export type RefundRow = Selectable<RefundsTable>
export type AlertRow = Selectable<AlertsTable>
export type CheckRow = Selectable<ChecksTable>
export type PrinterRow = Selectable<PrintersTable>
export type PrintJobRow = Selectable<PrintJobsTable>
