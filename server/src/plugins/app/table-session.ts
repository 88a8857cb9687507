// Who is asking at a table: its paired tablet or a diner's phone. Routes both may use opt in with
// `preHandler: fastify.requireTableSession` and read `request.tableSession`.
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { isPhoneRequest } from '../../lib/phone-request.js'

export type TableSession =
  | { kind: 'tablet', deviceId: string, tableId: string, tableLabel: string, dinerId: null }
  | { kind: 'diner', dinerId: string, tableId: string, tableLabel: string, deviceId: null }

declare module 'fastify' {
  interface FastifyRequest {
    tableSession: TableSession | null
  }
  interface FastifyInstance {
    requireTableSession: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
  }
}

export default fp(async (fastify) => {
  fastify.decorateRequest('tableSession', null)

  fastify.decorate('requireTableSession', async (request: FastifyRequest, reply: FastifyReply) => {
    // A tablet's cookie wins: a phone never holds one, and a tablet keeps today's errors (DEVICE_UNKNOWN, DEVICE_NOT_PAIRED).
    if (isPhoneRequest(request)) {
      await fastify.requireDiner(request, reply)
      const diner = request.diner!
      request.tableSession = { kind: 'diner', dinerId: diner.dinerId, tableId: diner.tableId, tableLabel: diner.tableLabel, deviceId: null }
      return
    }
    await fastify.requirePairedDevice(request, reply)
    const device = request.device!
    request.tableSession = { kind: 'tablet', deviceId: device.id, tableId: device.table_id!, tableLabel: device.table_label ?? '', dinerId: null }
  })
}, { name: 'table-session', dependencies: ['device-auth', 'diner-auth'] })
