// /api/staff/devices: staff see the tablets, pair them to tables by code, move, rename and unpair them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { failureLimiterFor } from '../../../../lib/database-failure-limiter.js'
import { NoBodySchema, errorResponses } from '../../../../lib/route-schemas.js'
import { findDevice, listDevices, pairWithCode, setDeviceTable, updateDevice } from '../../../../repositories/devices.js'
import { findTable } from '../../../../repositories/tables.js'
import { publishDeviceChanged, staffDevice } from '../../../../services/devices.js'
import { ConflictError, NotFoundError, PairingCodeInvalidError } from '../../../../errors.js'
import { IdParamsSchema } from '#shared/schemas/common.js'
import { DeviceSchema, PairDeviceSchema, UpdateDeviceSchema } from '#shared/schemas/device.js'

/** Wrong pairing codes allowed per client and minute: a million codes cannot be walked through. */
export const PAIRING_FAILURES_PER_MINUTE = 10

const staffDevices: FastifyPluginAsyncTypebox = async (fastify) => {
  const failures = failureLimiterFor(fastify.config, () => fastify.db, 'pairing', PAIRING_FAILURES_PER_MINUTE, 60_000)

  fastify.addHook('preHandler', fastify.requireStaff)

  async function assertTable (tableId: string): Promise<void> {
    if (!await findTable(fastify.db, tableId)) throw new NotFoundError('Table')
  }

  fastify.get('/', {
    schema: { response: { 200: Type.Array(DeviceSchema), ...errorResponses(401) } },
  }, async () => (await listDevices(fastify.db)).map(row => staffDevice(fastify, row)))

  fastify.post('/pair', {
    config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    // Before the body is parsed, so a blocked client learns nothing from any request shape.
    onRequest: async (request, reply) => { await failures.guard(request.ip, reply) },
    schema: {
      body: PairDeviceSchema,
      response: { 200: DeviceSchema, ...errorResponses(400, 401, 404, 413, 415, 429) },
    },
  }, async (request) => {
    await assertTable(request.body.tableId)
    let deviceId: string
    try {
      deviceId = await pairWithCode(fastify.db, request.body.pairingCode, request.body.tableId)
    } catch (error) {
      if (error instanceof PairingCodeInvalidError) await failures.fail(request.ip)
      throw error
    }
    return publishDeviceChanged(fastify, deviceId)
  })

  fastify.post('/:id/unpair', {
    schema: {
      params: IdParamsSchema,
      body: NoBodySchema,
      response: { 200: DeviceSchema, ...errorResponses(400, 401, 404, 413, 415) },
    },
  }, async (request) => {
    const device = await findDevice(fastify.db, request.params.id)
    if (!device) throw new NotFoundError('Device')
    // Unpairing twice is harmless: the tablet is simply told again to show its pairing screen.
    await setDeviceTable(fastify.db, device.id, null)
    return publishDeviceChanged(fastify, device.id)
  })

  fastify.patch('/:id', {
    schema: {
      params: IdParamsSchema,
      body: UpdateDeviceSchema,
      response: { 200: DeviceSchema, ...errorResponses(400, 401, 404, 409, 413, 415) },
    },
  }, async (request) => {
    const device = await findDevice(fastify.db, request.params.id)
    if (!device) throw new NotFoundError('Device')
    const { name, tableId } = request.body
    if (tableId !== undefined) {
      // Only the code shown on the tablet proves staff are holding it; moving needs a paired tablet.
      if (!device.table_id) throw new ConflictError('Pair this tablet with its pairing code first')
      await assertTable(tableId)
    }
    if (name !== undefined) await updateDevice(fastify.db, device.id, { name })
    if (tableId !== undefined && tableId !== device.table_id) await setDeviceTable(fastify.db, device.id, tableId)
    return publishDeviceChanged(fastify, device.id)
  })
}

export default staffDevices
