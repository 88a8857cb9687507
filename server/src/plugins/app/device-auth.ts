// Identifies the tablet behind a request by its tp_device cookie; routes opt in with a preHandler. The device is
// found on the ROOT handle (its token is a global secret); a paired tablet's request then acts in its store
// (`request.store`), while a tablet no store holds yet has none (registration and pairing codes work on the root).
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { DEVICE_COOKIE } from '../../lib/cookies.js'
import { nowIso } from '../../lib/tokens.js'
import { findDeviceByToken, updateDevice, type DeviceWithTable } from '../../repositories/devices.js'
import { reportFromHeaders } from '../../lib/device-report.js'
import { deviceDeps, recordDeviceReport } from '../../services/devices.js'
import { DeviceNotPairedError, DeviceUnknownError } from '../../errors.js'

/** last_seen_at is written at most this often per device, not on every request. */
const LAST_SEEN_WRITE_MS = 30_000

declare module 'fastify' {
  interface FastifyRequest {
    device: DeviceWithTable | null
  }
  interface FastifyInstance {
    requireDevice: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
    requirePairedDevice: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
    /** Root lookup: the device of a tp_device token, whichever store holds it (or none yet). */
    findDeviceByToken: (token: string | undefined) => Promise<DeviceWithTable | null>
  }
}

export default fp(async (fastify) => {
  const lastWrite = new Map<string, number>()

  async function deviceOfToken (token: string | undefined): Promise<DeviceWithTable | null> {
    if (!token || token.length > 200) return null
    return findDeviceByToken(fastify.database.db, token)
  }

  async function touch (device: DeviceWithTable, request: FastifyRequest): Promise<void> {
    const now = Date.now()
    const deps = await deviceDeps(fastify, request.store)
    // A new app version or outbox count is written at once (staff watch it); mere presence is throttled.
    if (await recordDeviceReport(deps, device, reportFromHeaders(request))) {
      lastWrite.set(device.id, now)
      return
    }
    if (now - (lastWrite.get(device.id) ?? 0) < LAST_SEEN_WRITE_MS) return
    lastWrite.set(device.id, now)
    await updateDevice(deps.db, device.id, { lastSeenAt: nowIso(now) })
  }

  fastify.decorateRequest('device', null)
  fastify.decorate('findDeviceByToken', deviceOfToken)

  fastify.decorate('requireDevice', async (request: FastifyRequest) => {
    const device = await deviceOfToken(request.cookies[DEVICE_COOKIE])
    if (!device) throw new DeviceUnknownError()
    request.device = device
    request.store = device.store_id === null ? null : await fastify.stores.get(device.store_id)
    await touch(device, request)
  })

  fastify.decorate('requirePairedDevice', async (request: FastifyRequest, reply: FastifyReply) => {
    await fastify.requireDevice(request, reply)
    if (!request.device?.table_id || !request.store) throw new DeviceNotPairedError()
  })
}, { name: 'device-auth', dependencies: ['database', 'event-hub'] })
