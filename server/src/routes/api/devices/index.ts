// /api/devices: a tablet registers itself, reads its state and rotates its pairing code. A new tablet belongs to no
// store until staff pair it (its row and pairing codes live on the ROOT handle until then); a paired one's requests
// act in its store.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S, cookieOptions } from '../../../lib/cookies.js'
import { newSecret, sha256 } from '../../../lib/tokens.js'
import { NoBodySchema, errorResponses } from '../../../lib/route-schemas.js'
import { DeviceReportHeadersSchema } from '../../../lib/device-report.js'
import { createDevice, findDevice, issuePairingCode, updateDevice } from '../../../repositories/devices.js'
import { deviceDeps, deviceMe, publishDeviceChanged } from '../../../services/devices.js'
import { DeviceAlreadyPairedError, DeviceUnknownError } from '../../../errors.js'
import {
  DeviceMeSchema, PairingCodeResultSchema, RegisterDeviceSchema, RegisteredDeviceSchema,
} from '#shared/schemas/device.js'

const devices: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/', {
    // Each registration creates a row: a per-IP cap stops a script from filling the device list.
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      body: Type.Union([RegisterDeviceSchema, Type.Null()]),
      response: { 200: DeviceMeSchema, 201: RegisteredDeviceSchema, ...errorResponses(400, 413, 415, 429) },
    },
  }, async (request, reply) => {
    const body = request.body ?? {}
    const token = request.cookies[DEVICE_COOKIE]
    const existing = await fastify.findDeviceByToken(token)
    if (existing && token) {
      // The app may have lost its local state (cleared storage) while the cookie survived: same device, same pairing.
      const deps = await deviceDeps(fastify, existing.store_id === null ? null : await fastify.stores.get(existing.store_id))
      if (body.appVersion !== undefined) await updateDevice(deps.db, existing.id, { appVersion: body.appVersion })
      const row = await findDevice(deps.db, existing.id)
      if (!row) throw new DeviceUnknownError()
      reply.setCookie(DEVICE_COOKIE, token, cookieOptions(fastify.config, DEVICE_COOKIE_MAX_AGE_S))
      return reply.code(200).send(await deviceMe(deps, row))
    }
    const secret = newSecret()
    // On the root handle: no store holds the tablet until staff of one pair it by its code.
    const root = fastify.database.db
    const device = await createDevice(root, { tokenHash: sha256(secret), name: body.name, appVersion: body.appVersion })
    const code = await issuePairingCode(root, device.id)
    // With one store its console lists the new tablet and sees it appear; with several none lists it (no hub).
    const deps = await deviceDeps(fastify, null)
    if (deps.events) await publishDeviceChanged(deps, device.id)
    reply.setCookie(DEVICE_COOKIE, secret, cookieOptions(fastify.config, DEVICE_COOKIE_MAX_AGE_S))
    return reply.code(201).send({ deviceId: device.id, status: 'unpaired' as const, pairingCode: code.code, pairingExpiresAt: code.expiresAt })
  })

  fastify.get('/me', {
    // The x-unsent-orders and x-app-version headers are recorded by requireDevice (staff see them).
    preHandler: fastify.requireDevice,
    schema: { headers: DeviceReportHeadersSchema, response: { 200: DeviceMeSchema, ...errorResponses(400, 401) } },
  }, async (request) => {
    const deps = await deviceDeps(fastify, request.store)
    const row = await findDevice(deps.db, request.device!.id)
    if (!row) throw new DeviceUnknownError()
    return deviceMe(deps, row)
  })

  fastify.post('/me/pairing-code', {
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    preHandler: fastify.requireDevice,
    schema: {
      body: NoBodySchema,
      response: { 200: PairingCodeResultSchema, ...errorResponses(400, 401, 409, 413, 415, 429) },
    },
  }, async (request) => {
    if (request.device!.table_id) throw new DeviceAlreadyPairedError()
    // Pairing codes are global: a code is shown before any store holds the tablet.
    const code = await issuePairingCode(fastify.database.db, request.device!.id)
    return { pairingCode: code.code, pairingExpiresAt: code.expiresAt }
  })
}

export default devices
