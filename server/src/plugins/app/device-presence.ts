// Device presence (lib/device-presence.ts) as `fastify.devicePresence`: one tracker per app. On PostgreSQL, where
// other processes answer the staff console too, this process also keeps last_seen_at fresh for the tablets
// streaming from it (lib/device-presence-refresh.ts), from the first stream until close.
import fp from 'fastify-plugin'
import { DevicePresence } from '../../lib/device-presence.js'
import { PresenceRefresh } from '../../lib/device-presence-refresh.js'
import { markDevicesSeen } from '../../repositories/devices.js'

declare module 'fastify' {
  interface FastifyInstance {
    devicePresence: DevicePresence
  }
}

export interface DevicePresencePluginOptions {
  /** Another clock for "seen recently" and the refresh's timestamps (tests); Date.now by default. */
  now?: () => number
  /** How often the refresh runs on PostgreSQL (tests); PRESENCE_REFRESH_MS by default. */
  refreshMs?: number
}

export default fp<DevicePresencePluginOptions>(async (fastify, options) => {
  const presence = new DevicePresence(options.now)
  fastify.decorate('devicePresence', presence)
  if (!fastify.config.databaseUrl) return
  const refresh = new PresenceRefresh({
    presence,
    // The root handle: the tablets streaming from this process may belong to any store.
    markSeen: (deviceIds, at) => markDevicesSeen(fastify.database.db, deviceIds, at),
    log: fastify.log.child({ module: 'device-presence' }),
    everyMs: options.refreshMs,
  })
  // Before the database closes (the onClose hooks of plugins registered later run first).
  fastify.addHook('onClose', async () => { await refresh.stop() })
}, { name: 'device-presence', dependencies: ['config', 'database'] })
