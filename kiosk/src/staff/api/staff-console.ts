// The staff console's endpoints: session, members and login lockouts, tables and their checks, devices, orders, menu (sold-out and
// editing), payments, alerts, settings.
import type { Alert, AlertPage } from '@shared/schemas/alert'
import type { PaymentModeSetting } from '@shared/schemas/check'
import type { Device, PairDevice, UpdateDevice } from '@shared/schemas/device'
import type {
  Category, CreateCategory, CreateMenuItem, Menu, MenuItem, MenuOption, ReorderItems, UpdateCategory, UpdateMenuItem,
} from '@shared/schemas/menu'
import type { Order, OrderStatus, UpdateOrderStatus } from '@shared/schemas/order'
import type { CreateRefund, Payment, PaymentStatus, Refund, StaffPaymentDetail } from '@shared/schemas/payment'
import type {
  CreateStaffMember, StaffLockout, StaffMember, StaffSession, UpdateStaffMember,
} from '@shared/schemas/staff'
import type { CreateTable, Table, UpdateTable } from '@shared/schemas/table'
import { ApiError, request } from '@/core/api/client'

const at = encodeURIComponent

/** Seconds the server asked us to wait when it answered 429 (too many tries), for "try again in 42 s". */
export function retryAfterOf (error: unknown): number | null {
  return error instanceof ApiError && error.status === 429 ? error.retryAfterS : null
}

function search (params: URLSearchParams): string {
  const text = params.toString()
  return text ? `?${text}` : ''
}

// Session
/** @param store - the store's short name (slug); only asked for when several stores share the server (STORE_REQUIRED). */
export function logIn (pin: string, store?: string): Promise<StaffSession> {
  return request('POST', '/api/staff/session', { body: store ? { pin, store } : { pin } })
}
export function readSession (): Promise<StaffSession> {
  return request('GET', '/api/staff/session')
}
export function logOut (): Promise<unknown> {
  return request('DELETE', '/api/staff/session')
}

// Members (managers)
export function listMembers (): Promise<StaffMember[]> {
  return request('GET', '/api/staff/members')
}
export function addMember (body: CreateStaffMember): Promise<StaffMember> {
  return request('POST', '/api/staff/members', { body })
}
export function updateMember (id: string, body: UpdateStaffMember): Promise<StaffMember> {
  return request('PATCH', `/api/staff/members/${at(id)}`, { body })
}
export function removeMember (id: string): Promise<unknown> {
  return request('DELETE', `/api/staff/members/${at(id)}`)
}

// Login lockouts (managers): addresses refused after wrong PINs, and letting one in again
export function listLockouts (): Promise<StaffLockout[]> {
  return request('GET', '/api/staff/lockouts')
}
export function liftLockout (address: string): Promise<unknown> {
  return request('DELETE', `/api/staff/lockouts/${at(address)}`)
}

// Tables
export function listTables (): Promise<Table[]> {
  return request('GET', '/api/staff/tables')
}
export function addTable (body: CreateTable): Promise<Table> {
  return request('POST', '/api/staff/tables', { body })
}
export function updateTable (id: string, body: UpdateTable): Promise<Table> {
  return request('PATCH', `/api/staff/tables/${at(id)}`, { body })
}
export function removeTable (id: string): Promise<unknown> {
  return request('DELETE', `/api/staff/tables/${at(id)}`)
}
/** Closes the table's open check; refused (409 CHECK_NOT_SETTLED) while something is due unless a reason is given. */
export function closeTableCheck (tableId: string, reason?: string): Promise<unknown> {
  return request('POST', `/api/staff/tables/${at(tableId)}/check/close`, { body: reason ? { reason } : {} })
}

// Devices
export function listDevices (): Promise<Device[]> {
  return request('GET', '/api/staff/devices')
}
export function pairDevice (body: PairDevice): Promise<Device> {
  return request('POST', '/api/staff/devices/pair', { body })
}
export function updateDevice (id: string, body: UpdateDevice): Promise<Device> {
  return request('PATCH', `/api/staff/devices/${at(id)}`, { body })
}
export function unpairDevice (id: string): Promise<Device> {
  return request('POST', `/api/staff/devices/${at(id)}/unpair`, { body: {} })
}

// Orders
/** Store-local calendar days (YYYY-MM-DD), both included: what `from`/`to` filter by (the order's or payment's creation). */
export interface DayRange { from?: string, to?: string }

function setDays (params: URLSearchParams, days: DayRange): void {
  if (days.from) params.set('from', days.from)
  if (days.to) params.set('to', days.to)
}

/**
 * Orders, newest first. `q` finds by number (exactly, when it is one), table or dish name in either language;
 * `from`/`to` keep the orders created on those store days.
 */
export function listOrders (query: { status?: OrderStatus, limit?: number, q?: string } & DayRange = {}): Promise<Order[]> {
  const params = new URLSearchParams()
  if (query.status) params.set('status', query.status)
  if (query.limit) params.set('limit', String(query.limit))
  if (query.q) params.set('q', query.q)
  setDays(params, query)
  return request('GET', `/api/staff/orders${search(params)}`)
}
/** `refund: true` with a cancellation (managers): the order's paid payment is refunded in full in the same step. */
export function setOrderStatus (id: string, body: UpdateOrderStatus & { refund?: true }): Promise<Order> {
  return request('PATCH', `/api/staff/orders/${at(id)}`, { body })
}

// Menu: the full menu (sold-out dishes included) and availability, for any staff
export function readMenu (): Promise<Menu> {
  return request('GET', '/api/menu')
}
export function setItemAvailable (id: string, available: boolean): Promise<MenuItem> {
  return request('PATCH', `/api/staff/menu/items/${at(id)}`, { body: { available } })
}
export function setOptionAvailable (id: string, available: boolean): Promise<MenuOption> {
  return request('PATCH', `/api/staff/menu/options/${at(id)}`, { body: { available } })
}

// Menu editing (managers)
export function createCategory (body: CreateCategory): Promise<Category> {
  return request('POST', '/api/staff/menu/categories', { body })
}
export function updateCategory (id: string, body: UpdateCategory): Promise<Category> {
  return request('PATCH', `/api/staff/menu/categories/${at(id)}`, { body })
}
export function deleteCategory (id: string): Promise<unknown> {
  return request('DELETE', `/api/staff/menu/categories/${at(id)}`)
}
export function createItem (body: CreateMenuItem): Promise<MenuItem> {
  return request('POST', '/api/staff/menu/items', { body })
}
export function updateItem (id: string, body: UpdateMenuItem): Promise<MenuItem> {
  return request('PATCH', `/api/staff/menu/items/${at(id)}`, { body })
}
export function deleteItem (id: string): Promise<unknown> {
  return request('DELETE', `/api/staff/menu/items/${at(id)}`)
}
export function uploadItemImage (id: string, image: Blob): Promise<MenuItem> {
  return request('PUT', `/api/staff/menu/items/${at(id)}/image`, { blob: image })
}
export function reorderItems (body: ReorderItems): Promise<unknown> {
  return request('POST', '/api/staff/menu/reorder', { body })
}

// Payments
export function listPayments (query: { status?: PaymentStatus, limit?: number } & DayRange = {}): Promise<Payment[]> {
  const params = new URLSearchParams()
  if (query.status) params.set('status', query.status)
  if (query.limit) params.set('limit', String(query.limit))
  setDays(params, query)
  return request('GET', `/api/staff/payments${search(params)}`)
}
export function readPayment (id: string): Promise<StaffPaymentDetail> {
  return request('GET', `/api/staff/payments/${at(id)}`)
}
export function refundPayment (id: string, body: CreateRefund): Promise<Refund> {
  return request('POST', `/api/staff/payments/${at(id)}/refunds`, { body })
}
export function requeryPayment (id: string): Promise<Payment> {
  return request('POST', `/api/staff/payments/${at(id)}/query`, { body: {} })
}

// Settings: how tables pay (before the kitchen, or at the end); managers change it
export function readPaymentMode (): Promise<PaymentModeSetting> {
  return request('GET', '/api/staff/settings/payment-mode')
}
export function setPaymentMode (body: PaymentModeSetting): Promise<PaymentModeSetting> {
  return request('PUT', '/api/staff/settings/payment-mode', { body })
}

// Alerts
/** One page, newest first; pass the previous page's `nextCursor` as `before` for the next. */
export function listAlerts (all = false, before: string | null = null): Promise<AlertPage> {
  const params = new URLSearchParams()
  if (all) params.set('all', 'true')
  if (before) params.set('before', before)
  return request('GET', `/api/staff/alerts${search(params)}`)
}
export function acknowledgeAlert (id: string): Promise<Alert> {
  return request('POST', `/api/staff/alerts/${at(id)}/ack`, { body: {} })
}
