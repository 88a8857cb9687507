// Device endpoints: a tablet registers itself, reads its pairing and renews its pairing code.
import type { DeviceMe, PairingCodeResult, RegisteredDevice, RegisterDevice } from '@shared/schemas/device'
import { request } from '@/core/api/client'

export function registerDevice (body: RegisterDevice = {}): Promise<RegisteredDevice> {
  return request('POST', '/api/devices', { body })
}

export function getMyDevice (): Promise<DeviceMe> {
  return request('GET', '/api/devices/me')
}

export function renewPairingCode (): Promise<PairingCodeResult> {
  return request('POST', '/api/devices/me/pairing-code', { body: {} })
}
