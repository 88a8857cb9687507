// Device presence (lib/device-presence.ts) as `fastify.devicePresence`: one tracker per app.
import fp from 'fastify-plugin'
import { DevicePresence } from '../../lib/device-presence.js'

declare module 'fastify' {
  interface FastifyInstance {
    devicePresence: DevicePresence
  }
}

export default fp(async (fastify) => {
  fastify.decorate('devicePresence', new DevicePresence())
}, { name: 'device-presence' })
