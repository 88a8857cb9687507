// Staff endpoints the tablet's hidden device panel needs (PIN session, unpair).
import type { StaffSession } from '@shared/schemas/staff'
import { request } from '@/core/api/client'

export function startStaffSession (pin: string): Promise<StaffSession> {
  return request('POST', '/api/staff/session', { body: { pin } })
}

/** Ends the staff session so the PIN is needed again on this shared tablet. */
export function endStaffSession (): Promise<unknown> {
  return request('DELETE', '/api/staff/session')
}

export function unpairDevice (deviceId: string): Promise<unknown> {
  return request('POST', `/api/staff/devices/${encodeURIComponent(deviceId)}/unpair`, { body: {} })
}
