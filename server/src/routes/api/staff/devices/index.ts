// /api/staff/devices: staff see the tablets, pair them to tables by code, move, rename and unpair them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { failureLimiterFor } from '../../../../lib/database-failure-limiter.js'
import { NoBodySchema, errorResponses } from '../../../../lib/route-schemas.js'
import {
  findDevice, findUnclaimedDevice, listDevices, listUnclaimedDevices, pairWithCode, setDeviceTable, sortDevices, updateDevice, type DeviceWithTable,
} from '../../../../repositories/devices.js'
import { holdsSeveralStores } from '../../../../repositories/stores.js'
import { findTable } from '../../../../repositories/tables.js'
import { deviceDeps, publishDeviceChanged, staffDevice, type DeviceServiceDeps } from '../../../../services/devices.js'
import { ConflictError, NotFoundError, PairingCodeInvalidError } from '../../../../errors.js'
import { IdParamsSchema } from '#shared/schemas/common.js'
import { DeviceSchema, PairDeviceSchema, UpdateDeviceSchema } from '#shared/schemas/device.js'
import type { StoreContext } from '../../../../stores/store-context.js'
import { storeOf } from '../../../store-of.js'

/** Wrong pairing codes allowed per client and minute: a million codes cannot be walked through. */
export const PAIRING_FAILURES_PER_MINUTE = 10

const staffDevices: FastifyPluginAsyncTypebox = async (fastify) => {
  // Per client address across stores: a `rate_limits` row is global.
  const failures = failureLimiterFor(fastify.config, () => fastify.database.db, 'pairing', PAIRING_FAILURES_PER_MINUTE, 60_000)

  fastify.addHook('preHandler', fastify.requireStaff)

  /**
   * A device staff of `store` may see: the store's own, or one no store holds yet (any store may pair it). Its
   * deps read and write it where it lives: the store's handle, or the root one for an unclaimed tablet.
   */
  /**
   * Tablets no store holds yet (registered, never paired). With one store they can only become its, so its staff
   * see them in the list and pair them with a tap, as before stores. With several (a chain or a hosted service)
   * a store claims a new tablet only by the code the tablet shows: no store's staff see other restaurants' tablets.
   */
  async function unclaimedDevicesShown (): Promise<boolean> {
    return !await holdsSeveralStores(fastify.database.db)
  }

  async function visibleDevice (store: StoreContext, id: string): Promise<{ device: DeviceWithTable, deps: DeviceServiceDeps } | null> {
    const own = await findDevice(store.db, id)
    if (own) return { device: own, deps: await deviceDeps(fastify, store) }
    if (!await unclaimedDevicesShown()) return null
    const unclaimed = await findUnclaimedDevice(fastify.database.db, id)
    return unclaimed ? { device: unclaimed, deps: await deviceDeps(fastify, null) } : null
  }

  /** Through the store's handle: another store's table answers like a missing one. */
  async function assertTable (store: StoreContext, tableId: string): Promise<void> {
    if (!await findTable(store.db, tableId)) throw new NotFoundError('Table')
  }

  fastify.get('/', {
    schema: { response: { 200: Type.Array(DeviceSchema), ...errorResponses(401) } },
  }, async (request) => {
    const store = storeOf(request)
    const deps = await deviceDeps(fastify, store)
    const unclaimed = await unclaimedDevicesShown() ? await listUnclaimedDevices(fastify.database.db) : []
    const rows = sortDevices([...await listDevices(store.db), ...unclaimed])
    return rows.map(row => staffDevice(deps, row))
  })

  fastify.post('/pair', {
    config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    // Before the body is parsed, so a blocked client learns nothing from any request shape.
    onRequest: async (request, reply) => { await failures.guard(request.ip, reply) },
    schema: {
      body: PairDeviceSchema,
      response: { 200: DeviceSchema, ...errorResponses(400, 401, 404, 413, 415, 429) },
    },
  }, async (request) => {
    const store = storeOf(request)
    await assertTable(store, request.body.tableId)
    let deviceId: string
    try {
      // On the root handle: the tablet holding the code belongs to no store yet (or to the one it was unpaired in).
      deviceId = await pairWithCode(fastify.database.db, request.body.pairingCode, store.id, request.body.tableId)
    } catch (error) {
      if (error instanceof PairingCodeInvalidError) await failures.fail(request.ip)
      throw error
    }
    return publishDeviceChanged(await deviceDeps(fastify, store), deviceId)
  })

  fastify.post('/:id/unpair', {
    schema: {
      params: IdParamsSchema,
      body: NoBodySchema,
      response: { 200: DeviceSchema, ...errorResponses(400, 401, 404, 413, 415) },
    },
  }, async (request) => {
    const found = await visibleDevice(storeOf(request), request.params.id)
    if (!found) throw new NotFoundError('Device')
    // Unpairing twice is harmless: the tablet is simply told again to show its pairing screen. It stays in this
    // store's list (its store_id is kept) until a store pairs it again with a fresh code.
    await setDeviceTable(found.deps.db, found.device.id, null)
    return publishDeviceChanged(found.deps, found.device.id)
  })

  fastify.patch('/:id', {
    schema: {
      params: IdParamsSchema,
      body: UpdateDeviceSchema,
      response: { 200: DeviceSchema, ...errorResponses(400, 401, 404, 409, 413, 415) },
    },
  }, async (request) => {
    const store = storeOf(request)
    const found = await visibleDevice(store, request.params.id)
    if (!found) throw new NotFoundError('Device')
    const { device, deps } = found
    const { name, tableId } = request.body
    if (tableId !== undefined) {
      // Only the code shown on the tablet proves staff are holding it; moving needs a paired tablet.
      if (!device.table_id) throw new ConflictError('Pair this tablet with its pairing code first')
      await assertTable(store, tableId)
    }
    if (name !== undefined) await updateDevice(deps.db, device.id, { name })
    if (tableId !== undefined && tableId !== device.table_id) await setDeviceTable(deps.db, device.id, tableId)
    return publishDeviceChanged(deps, device.id)
  })
}

export default staffDevices
