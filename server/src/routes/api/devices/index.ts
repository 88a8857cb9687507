// /api/devices: a tablet registers itself, reads its state and rotates its pairing code.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S, cookieOptions } from '../../../lib/cookies.js'
import { newSecret, sha256 } from '../../../lib/tokens.js'
import { NoBodySchema, errorResponses } from '../../../lib/route-schemas.js'
import { DeviceReportHeadersSchema } from '../../../lib/device-report.js'
import { createDevice, findDevice, issuePairingCode, updateDevice } from '../../../repositories/devices.js'
import { deviceMe, publishDeviceChanged } from '../../../services/devices.js'
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
      if (body.appVersion !== undefined) await updateDevice(fastify.db, existing.id, { appVersion: body.appVersion })
      const row = await findDevice(fastify.db, existing.id)
      if (!row) throw new DeviceUnknownError()
      reply.setCookie(DEVICE_COOKIE, token, cookieOptions(fastify.config, DEVICE_COOKIE_MAX_AGE_S))
      return reply.code(200).send(await deviceMe(fastify, row))
    }
    const secret = newSecret()
    const device = await createDevice(fastify.db, { tokenHash: sha256(secret), name: body.name, appVersion: body.appVersion })
    const code = await issuePairingCode(fastify.db, device.id)
    await publishDeviceChanged(fastify, device.id)
    reply.setCookie(DEVICE_COOKIE, secret, cookieOptions(fastify.config, DEVICE_COOKIE_MAX_AGE_S))
    return reply.code(201).send({ deviceId: device.id, status: 'unpaired' as const, pairingCode: code.code, pairingExpiresAt: code.expiresAt })
  })

  fastify.get('/me', {
    // The x-unsent-orders and x-app-version headers are recorded by requireDevice (staff see them).
    preHandler: fastify.requireDevice,
    schema: { headers: DeviceReportHeadersSchema, response: { 200: DeviceMeSchema, ...errorResponses(400, 401) } },
  }, async (request) => {
    const row = await findDevice(fastify.db, request.device!.id)
    if (!row) throw new DeviceUnknownError()
    return deviceMe(fastify, row)
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
    const code = await issuePairingCode(fastify.db, request.device!.id)
    return { pairingCode: code.code, pairingExpiresAt: code.expiresAt }
  })
}

export default devices
