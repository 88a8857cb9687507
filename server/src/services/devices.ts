// What a tablet and the staff console see of a device, and the device.changed events that keep them current.
import type { FastifyInstance } from 'fastify'
import { phoneOrderingAvailable, type AlipayConfig } from '../config-alipay.js'
import type { Db } from '../db/database.js'
import type { EventHub } from '../lib/event-hub.js'
import type { DevicePresence } from '../lib/device-presence.js'
import { chineseLabelOf, ensurePairingCode, findDevice, deviceStatus, toDevice, updateDevice, type DeviceWithTable } from '../repositories/devices.js'
import { holdsSeveralStores } from '../repositories/stores.js'
import { NotFoundError } from '../errors.js'
import type { DeviceReport } from '../lib/device-report.js'
import { nowIso } from '../lib/tokens.js'
import type { DeviceRow } from '../db/schema.js'
import type { StoreContext } from '../stores/store-context.js'
import { LOCALES } from '#shared/schemas/common.js'
import { TabletEventEnum } from '#shared/schemas/events.js'
import type { Device, DeviceMe, StoreInfo } from '#shared/schemas/device.js'

/** What the device services use: the device's store (its handle, events and settings) and app-wide parts. */
export interface DeviceServiceDeps {
  db: Db
  /** Null for a tablet no store has paired yet in a database of several stores: no console lists it, nobody is told. */
  events: EventHub | null
  settings: { name: string, currency: string, timezone: string, alipay: Pick<AlipayConfig, 'mode' | 'protocol' | 'appId'> }
  publicUrl: string
  devicePresence: Pick<DevicePresence, 'isOnline'>
}

/**
 * The deps for a device of `store`, or (null) for a tablet no store holds yet: that one is read and written on the
 * ROOT handle (a store's handle cannot see it) and shown the default store's name and currency on its pairing screen.
 * With one store in the database its console lists such tablets (routes/api/staff/devices), so they are told
 * about them on that store's hub, as before stores; with several no store's console lists them.
 */
export async function deviceDeps (app: Pick<FastifyInstance, 'database' | 'store' | 'config' | 'devicePresence'>, store: StoreContext | null): Promise<DeviceServiceDeps> {
  const common = { publicUrl: app.config.publicUrl, devicePresence: app.devicePresence }
  if (store) return { db: store.db, events: store.events, settings: store.settings, ...common }
  const events = await holdsSeveralStores(app.database.db) ? null : app.store.events
  return { db: app.database.db, events, settings: app.store.settings, ...common }
}

export function storeInfo (deps: DeviceServiceDeps): StoreInfo {
  const { name, currency, timezone } = deps.settings
  return { name, currency, timezone, locales: [...LOCALES] }
}

/** The tablet's own view; an unpaired tablet always gets a live pairing code to show. */
export async function deviceMe (deps: DeviceServiceDeps, row: DeviceWithTable): Promise<DeviceMe> {
  const me: DeviceMe = { deviceId: row.id, name: row.name, status: deviceStatus(row), store: storeInfo(deps) }
  if (row.table_id && row.table_label !== null) {
    me.table = { id: row.table_id, label: row.table_label, ...chineseLabelOf(row) }
    // Without phone ordering (Alipay Global without an Open Platform app) the tablet offers no phone link.
    if (row.table_code !== null && phoneOrderingAvailable(deps.settings.alipay)) {
      me.table.code = row.table_code
      me.table.phoneUrl = `${deps.publicUrl}/t/${encodeURIComponent(row.table_code)}`
    }
  } else {
    const code = await ensurePairingCode(deps.db, row.id)
    me.pairingCode = code.code
    me.pairingExpiresAt = code.expiresAt
  }
  return me
}

export function staffDevice (deps: DeviceServiceDeps, row: DeviceWithTable): Device {
  return toDevice(row, deps.devicePresence.isOnline(row.id, row.last_seen_at))
}

/**
 * Tells the tablet (its DeviceMe) and the staff console (the Device) that a device changed: paired,
 * moved, renamed or unpaired. The tablet's event stream also re-targets its table from this event.
 */
export async function publishDeviceChanged (deps: DeviceServiceDeps, id: string): Promise<Device> {
  const row = await findDevice(deps.db, id)
  if (!row) throw new NotFoundError('Device')
  const me = await deviceMe(deps, row)
  const device = staffDevice(deps, row)
  deps.events?.toTablets({ kind: 'device', deviceId: id }, TabletEventEnum.DEVICE_CHANGED, me)
  deps.events?.toStaff(TabletEventEnum.DEVICE_CHANGED, device)
  return device
}

/**
 * Stores what a tablet reported about itself (app version, unsent orders) when it differs from what
 * is stored, and shows staff at once. True when it wrote (last_seen_at included).
 */
export async function recordDeviceReport (deps: DeviceServiceDeps, device: DeviceRow, report: DeviceReport): Promise<boolean> {
  const changes: { appVersion?: string, unsentOrders?: number } = {}
  if (report.appVersion !== undefined && report.appVersion !== device.app_version) changes.appVersion = report.appVersion
  if (report.unsentOrders !== undefined && report.unsentOrders !== device.unsent_orders) changes.unsentOrders = report.unsentOrders
  if (Object.keys(changes).length === 0) return false
  await updateDevice(deps.db, device.id, { ...changes, lastSeenAt: nowIso() })
  const row = await findDevice(deps.db, device.id)
  // Staff only: nothing the tablet shows depends on what it reported itself.
  if (row) deps.events?.toStaff(TabletEventEnum.DEVICE_CHANGED, staffDevice(deps, row))
  return true
}
