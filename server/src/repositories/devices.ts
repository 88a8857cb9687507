// Tablets and their pairing codes: SQL for `devices` and `pairing_codes`, mapped to the shared shapes.
import { inTransaction } from '../db/transaction.js'
import type { Db } from '../db/database.js'
import type { DeviceRow } from '../db/schema.js'
import { reusableQuery } from '../db/reusable-query.js'
import { newId, newPairingCode, nowIso, sha256 } from '../lib/tokens.js'
import { PairingCodeInvalidError } from '../errors.js'
import { DeviceStatusEnum, type Device, type DeviceStatus } from '#shared/schemas/device.js'

export const PAIRING_CODE_TTL_MS = 10 * 60_000
/** Codes drawn before giving up: each collides only with another live code, so more than a few is a bug. */
const PAIRING_CODE_DRAWS = 20

export interface DeviceWithTable extends DeviceRow {
  table_label: string | null
  table_label_zh: string | null
  table_code: string | null
}

export interface PairingCode {
  code: string
  expiresAt: string
}

export function deviceStatus (row: Pick<DeviceRow, 'table_id'>): DeviceStatus {
  return row.table_id ? DeviceStatusEnum.PAIRED : DeviceStatusEnum.UNPAIRED
}

/** The staff view; `online` comes from the caller, which knows the open streams. */
export function toDevice (row: DeviceWithTable, online: boolean): Device {
  return {
    id: row.id,
    name: row.name,
    status: deviceStatus(row),
    table: row.table_id && row.table_label !== null ? { id: row.table_id, label: row.table_label, ...chineseLabelOf(row) } : null,
    lastSeenAt: row.last_seen_at,
    appVersion: row.app_version,
    online,
    unsentOrders: row.unsent_orders,
  }
}

/** The table's Chinese name when it has one (a table without one answers as before: no labelZh at all). */
export function chineseLabelOf (row: Pick<DeviceWithTable, 'table_label_zh'>): { labelZh?: string } {
  return row.table_label_zh ? { labelZh: row.table_label_zh } : {}
}

function withTable (db: Db) {
  return db.selectFrom('devices')
    .leftJoin('tables', 'tables.id', 'devices.table_id')
    .selectAll('devices')
    .select(['tables.label as table_label', 'tables.label_zh as table_label_zh', 'tables.code as table_code'])
}

export async function findDevice (db: Db, id: string): Promise<DeviceWithTable | null> {
  return (await withTable(db).where('devices.id', '=', id).executeTakeFirst()) ?? null
}

/**
 * The device whose cookie token this is (only its SHA-256 is stored), else null. Read on every
 * tablet request, never cached, so unpairing takes effect at once; the table label comes along so
 * an order placed by the tablet needs no other read to be shown. Called on the ROOT handle: the token is a
 * global secret, and the row's store_id says which store the tablet's requests act in.
 */
export async function findDeviceByToken (db: Db, token: string): Promise<DeviceWithTable | null> {
  return (await deviceByTokenHash(db, sha256(token))).rows[0] ?? null
}

const deviceByTokenHash = reusableQuery((db, tokenHash: string) => withTable(db).where('devices.token_hash', '=', tokenHash))

/** Every tablet, paired ones first by table label, then by name. */
export async function listDevices (db: Db): Promise<DeviceWithTable[]> {
  return sortDevices(await withTable(db).execute())
}

/**
 * ROOT handle: the tablets no store holds yet (registered, never paired). Shown to the staff of a database's only
 * store (routes/api/staff/devices); with several stores a tablet is claimed only by the code it shows.
 */
export async function listUnclaimedDevices (root: Db): Promise<DeviceWithTable[]> {
  return sortDevices(await withTable(root).where('devices.store_id', 'is', null).execute())
}

/** ROOT handle: the device `id` when no store holds it yet, else null. */
export async function findUnclaimedDevice (root: Db, id: string): Promise<DeviceWithTable | null> {
  return (await withTable(root).where('devices.id', '=', id).where('devices.store_id', 'is', null).executeTakeFirst()) ?? null
}

/** Paired ones first by table label, then by name. */
export function sortDevices (rows: DeviceWithTable[]): DeviceWithTable[] {
  const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })
  return rows.sort((a, b) =>
    Number(a.table_label === null) - Number(b.table_label === null) ||
    natural.compare(a.table_label ?? '', b.table_label ?? '') ||
    natural.compare(a.name, b.name) ||
    a.id.localeCompare(b.id))
}

export async function deviceIdsAtTable (db: Db, tableId: string): Promise<string[]> {
  const rows = await db.selectFrom('devices').select('id').where('table_id', '=', tableId).orderBy('id').execute()
  return rows.map(row => row.id)
}

export async function createDevice (db: Db, device: { tokenHash: string, name?: string, appVersion?: string }): Promise<DeviceRow> {
  const id = newId('dev')
  const row: DeviceRow = {
    // No store until staff of one pair it by its code (pairWithCode); a store's handle would stamp its own.
    store_id: null,
    id,
    // A readable default that staff can tell apart in the device list until they rename it.
    name: device.name?.trim() || `Tablet ${id.slice(-4).toUpperCase()}`,
    token_hash: device.tokenHash,
    table_id: null,
    paired_at: null,
    last_seen_at: nowIso(),
    app_version: device.appVersion ?? null,
    created_at: nowIso(),
    unsent_orders: null,
  }
  await db.insertInto('devices').values(row).execute()
  return row
}

export async function updateDevice (db: Db, id: string, changes: { name?: string, appVersion?: string, lastSeenAt?: string, unsentOrders?: number }): Promise<void> {
  const set: { name?: string, app_version?: string, last_seen_at?: string, unsent_orders?: number } = {}
  if (changes.name !== undefined) set.name = changes.name.trim()
  if (changes.appVersion !== undefined) set.app_version = changes.appVersion
  if (changes.lastSeenAt !== undefined) set.last_seen_at = changes.lastSeenAt
  if (changes.unsentOrders !== undefined) set.unsent_orders = changes.unsentOrders
  if (Object.keys(set).length > 0) await db.updateTable('devices').set(set).where('id', '=', id).execute()
}

/**
 * Marks the devices as seen at `at` in one statement (the presence refresh of lib/device-presence-refresh.ts).
 * A later last_seen_at, written meanwhile by a request or another process, is kept: presence never moves back.
 * ISO timestamps of one format compare as text in time order.
 */
export async function markDevicesSeen (db: Db, ids: readonly string[], at: string): Promise<void> {
  if (ids.length === 0) return
  await db.updateTable('devices').set({ last_seen_at: at })
    .where('id', 'in', ids)
    .where(eb => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', at)]))
    .execute()
}

/** Moves a paired tablet to another table, or unpairs it (`tableId` null; its codes go too). */
export async function setDeviceTable (db: Db, id: string, tableId: string | null): Promise<void> {
  await inTransaction(db, async trx => {
    await trx.updateTable('devices')
      .set(tableId ? { table_id: tableId } : { table_id: null, paired_at: null })
      .where('id', '=', id)
      .execute()
    await trx.deleteFrom('pairing_codes').where('device_id', '=', id).execute()
  })
}

export async function livePairingCode (db: Db, deviceId: string, now = Date.now()): Promise<PairingCode | null> {
  const row = await db.selectFrom('pairing_codes').selectAll()
    .where('device_id', '=', deviceId).where('expires_at', '>', nowIso(now)).executeTakeFirst()
  return row ? { code: row.code, expiresAt: row.expires_at } : null
}

/** A fresh code for the device; any previous one stops working. Codes are unique among live codes. */
export async function issuePairingCode (db: Db, deviceId: string, now = Date.now()): Promise<PairingCode> {
  const expiresAt = nowIso(now + PAIRING_CODE_TTL_MS)
  return inTransaction(db, async trx => {
    // Expired codes are swept so their numbers can be drawn again.
    await trx.deleteFrom('pairing_codes').where(eb => eb.or([
      eb('expires_at', '<=', nowIso(now)),
      eb('device_id', '=', deviceId),
    ])).execute()
    for (let attempt = 1; ; attempt++) {
      const code = newPairingCode()
      // A code another live code holds is skipped (the primary key), not an error: on PostgreSQL an error
      // would abort the whole transaction, not just this insert.
      const inserted = await trx.insertInto('pairing_codes').values({ code, device_id: deviceId, expires_at: expiresAt })
        .onConflict(oc => oc.column('code').doNothing())
        .returning('code')
        .executeTakeFirst()
      if (inserted) return { code, expiresAt }
      if (attempt >= PAIRING_CODE_DRAWS) throw new Error(`no free pairing code after ${PAIRING_CODE_DRAWS} draws`)
    }
  })
}

/** The live code of an unpaired device, issuing one when it has none. */
export async function ensurePairingCode (db: Db, deviceId: string, now = Date.now()): Promise<PairingCode> {
  return (await livePairingCode(db, deviceId, now)) ?? issuePairingCode(db, deviceId, now)
}

/**
 * ROOT handle (a tablet no store holds yet is invisible to a store's handle): pairs the unpaired device holding
 * `code` to `tableId`, moving the device into `storeId`, and uses the code up; returns the device id. The caller
 * has checked the table through that store's handle. An unknown, expired or used code, or a device paired
 * meanwhile, throws PAIRING_CODE_INVALID (404).
 */
export async function pairWithCode (root: Db, code: string, storeId: string, tableId: string, now = Date.now()): Promise<string> {
  return inTransaction(root, async trx => {
    const used = await trx.deleteFrom('pairing_codes')
      .where('code', '=', code).where('expires_at', '>', nowIso(now))
      .returning('device_id')
      .executeTakeFirst()
    if (!used) throw new PairingCodeInvalidError()
    const paired = await trx.updateTable('devices')
      .set({ table_id: tableId, paired_at: nowIso(now), store_id: storeId })
      .where('id', '=', used.device_id).where('table_id', 'is', null)
      .executeTakeFirst()
    if (paired.numUpdatedRows === 0n) throw new PairingCodeInvalidError()
    return used.device_id
  })
}
