// What a tablet and the staff console see of a device, and the device.changed events that keep them current.
import type { FastifyInstance } from 'fastify'
import { ensurePairingCode, findDevice, deviceStatus, toDevice, updateDevice, type DeviceWithTable } from '../repositories/devices.js'
import { NotFoundError } from '../errors.js'
import type { DeviceReport } from '../lib/device-report.js'
import { nowIso } from '../lib/tokens.js'
import type { DeviceRow } from '../db/schema.js'
import { LOCALES } from '../../../shared/src/schemas/common.js'
import { TabletEventEnum } from '../../../shared/src/schemas/events.js'
import type { Device, DeviceMe, StoreInfo } from '../../../shared/src/schemas/device.js'

export function storeInfo (fastify: FastifyInstance): StoreInfo {
  const { name, currency, timezone } = fastify.config.store
  return { name, currency, timezone, locales: [...LOCALES] }
}

/** The tablet's own view; an unpaired tablet always gets a live pairing code to show. */
export async function deviceMe (fastify: FastifyInstance, row: DeviceWithTable): Promise<DeviceMe> {
  const me: DeviceMe = { deviceId: row.id, name: row.name, status: deviceStatus(row), store: storeInfo(fastify) }
  if (row.table_id && row.table_label !== null) {
    me.table = { id: row.table_id, label: row.table_label }
  } else {
    const code = await ensurePairingCode(fastify.db, row.id)
    me.pairingCode = code.code
    me.pairingExpiresAt = code.expiresAt
  }
  return me
}

export async function deviceMeById (fastify: FastifyInstance, id: string): Promise<DeviceMe> {
  const row = await findDevice(fastify.db, id)
  if (!row) throw new NotFoundError('Device')
  return deviceMe(fastify, row)
}

export function staffDevice (fastify: FastifyInstance, row: DeviceWithTable): Device {
  return toDevice(row, fastify.devicePresence.isOnline(row.id, row.last_seen_at))
}

export async function staffDeviceById (fastify: FastifyInstance, id: string): Promise<Device> {
  const row = await findDevice(fastify.db, id)
  if (!row) throw new NotFoundError('Device')
  return staffDevice(fastify, row)
}

/**
 * Tells the tablet (its DeviceMe) and the staff console (the Device) that a device changed: paired,
 * moved, renamed or unpaired. The tablet's event stream also re-targets its table from this event.
 */
export async function publishDeviceChanged (fastify: FastifyInstance, id: string): Promise<Device> {
  const row = await findDevice(fastify.db, id)
  if (!row) throw new NotFoundError('Device')
  const me = await deviceMe(fastify, row)
  const device = staffDevice(fastify, row)
  fastify.events.publish({ kind: 'device', deviceId: id }, TabletEventEnum.DEVICE_CHANGED, me)
  fastify.events.publish({ kind: 'staff' }, TabletEventEnum.DEVICE_CHANGED, device)
  return device
}

/**
 * Stores what a tablet reported about itself (app version, unsent orders) when it differs from what
 * is stored, and shows staff at once. True when it wrote (last_seen_at included).
 */
export async function recordDeviceReport (fastify: FastifyInstance, device: DeviceRow, report: DeviceReport): Promise<boolean> {
  const changes: { appVersion?: string, unsentOrders?: number } = {}
  if (report.appVersion !== undefined && report.appVersion !== device.app_version) changes.appVersion = report.appVersion
  if (report.unsentOrders !== undefined && report.unsentOrders !== device.unsent_orders) changes.unsentOrders = report.unsentOrders
  if (Object.keys(changes).length === 0) return false
  await updateDevice(fastify.db, device.id, { ...changes, lastSeenAt: nowIso() })
  const row = await findDevice(fastify.db, device.id)
  // Staff only: nothing the tablet shows depends on what it reported itself.
  if (row) fastify.events.publish({ kind: 'staff' }, TabletEventEnum.DEVICE_CHANGED, staffDevice(fastify, row))
  return true
}
