// Staff actions over the API, for specs that need a paired tablet or a kitchen step without the console.
import { request, type APIRequestContext } from '@playwright/test'

export function baseUrl (): string {
  const url = process.env.E2E_BASE_URL
  if (!url) throw new Error('E2E_BASE_URL is not set: run through playwright.config.ts (global-setup)')
  return url
}

/** A request context logged in as the manager (the PIN comes from global-setup). */
export async function staffApi (): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL: baseUrl() })
  const login = await context.post('/api/staff/session', { data: { pin: process.env.E2E_STAFF_PIN } })
  if (!login.ok()) throw new Error(`staff login failed: ${login.status()} ${await login.text()}`)
  return context
}

export interface TableInfo { id: string, label: string, code: string }

/** A new table for one spec, so specs never share a table. */
export async function newTable (staff: APIRequestContext, prefix = 'E2E'): Promise<TableInfo> {
  const label = `${prefix} ${Math.random().toString(36).slice(2, 8)}`
  const response = await staff.post('/api/staff/tables', { data: { label } })
  if (!response.ok()) throw new Error(`table not created: ${response.status()} ${await response.text()}`)
  return await response.json() as TableInfo
}

export async function pairDevice (staff: APIRequestContext, pairingCode: string, tableId: string): Promise<void> {
  const response = await staff.post('/api/staff/devices/pair', { data: { pairingCode, tableId } })
  if (!response.ok()) throw new Error(`pairing failed: ${response.status()} ${await response.text()}`)
}

export async function setOrderStatus (staff: APIRequestContext, orderId: string, status: string, reason?: string): Promise<void> {
  const response = await staff.patch(`/api/staff/orders/${orderId}`, { data: reason ? { status, reason } : { status } })
  if (!response.ok()) throw new Error(`status change failed: ${response.status()} ${await response.text()}`)
}

export async function setDishAvailable (staff: APIRequestContext, itemId: string, available: boolean): Promise<void> {
  const response = await staff.patch(`/api/staff/menu/items/${itemId}`, { data: { available } })
  if (!response.ok()) throw new Error(`availability change failed: ${response.status()} ${await response.text()}`)
}
