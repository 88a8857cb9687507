// GET /api/events: a tablet's live stream — its table's orders, payments and check, its own device, broadcasts —
// and a diner's phone's: the same events of its table, and broadcasts. Each hears only its store's events.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { adoptLastEventIdFromQuery, EventStreamQuerySchema } from '../../../lib/event-stream-query.js'
import { DeviceReportHeadersSchema } from '../../../lib/device-report.js'
import { nowIso } from '../../../lib/tokens.js'
import { errorResponses } from '../../../lib/route-schemas.js'
import { openEventStream } from '../../../lib/event-stream.js'
import { isPhoneRequest } from '../../../lib/phone-request.js'
import { findDevice, updateDevice } from '../../../repositories/devices.js'
import { deviceDeps, recordDeviceReport } from '../../../services/devices.js'
import { DeviceUnknownError } from '../../../errors.js'
import { tabletStreamRules } from '../../../lib/event-stream-tablet.js'
import { AppVersionSchema, UnsentOrdersSchema } from '#shared/schemas/device.js'

/** EventSource cannot set headers, so the tablet may report its outbox and version in the URL instead. */
const TabletStreamQuerySchema = Type.Object({
  ...EventStreamQuerySchema.properties,
  unsentOrders: Type.Optional(UnsentOrdersSchema),
  appVersion: Type.Optional(AppVersionSchema),
}, { additionalProperties: false })

const events: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/', {
    // Unpaired tablets connect too: this stream is how they learn that staff paired them.
    preHandler: async (request, reply) => {
      if (isPhoneRequest(request)) await fastify.requireTableSession(request, reply)
      else await fastify.requireDevice(request, reply)
    },
    schema: { querystring: TabletStreamQuerySchema, headers: DeviceReportHeadersSchema, response: errorResponses(400, 401) },
  }, async (request, reply) => {
    if (request.tableSession?.kind === 'diner') {
      // A phone hears what the table's tablets hear about the table (orders, payments, check.updated) and
      // broadcasts (menu.changed) of its store; its session is bound to the table, so neither changes under it.
      const { tableId } = request.tableSession
      adoptLastEventIdFromQuery(request, request.query)
      openEventStream(request, reply, {
        hub: request.store!.events,
        filter: event => event.audience.kind === 'tablets' || (event.audience.kind === 'table' && event.audience.tableId === tableId),
      })
      return
    }
    const deps = await deviceDeps(fastify, request.store)
    const row = await findDevice(deps.db, request.device!.id)
    if (!row) throw new DeviceUnknownError()
    const { unsentOrders, appVersion } = request.query
    await recordDeviceReport(deps, row, { unsentOrders, appVersion })
    const deviceId = row.id
    adoptLastEventIdFromQuery(request, request.query)
    const leave = fastify.devicePresence.open(deviceId)
    // A paired tablet listens on its store's hub. An unpaired one listens on the root hub: for its own device's
    // events from any store (any store's staff may pair it), and the broadcasts of the store it was last in, or of
    // the one whose device.changed pairs it. Unpaired while on its store's hub, its stream ends: it reconnects here.
    const storeBound = row.table_id !== null && request.store !== null
    const tablet = tabletStreamRules(deviceId, request.store?.id ?? null, row.table_id, storeBound)
    openEventStream(request, reply, {
      hub: storeBound ? request.store!.events : fastify.events,
      filter: tablet.filter,
      transform: event => {
        tablet.follow(event)
        return event
      },
      acceptReplay: tablet.acceptReplay,
      endAfter: tablet.endAfter,
      onClose: () => {
        leave()
        // Counted as seen until now, so the tablet stays "online" through a quick reconnect.
        updateDevice(deps.db, deviceId, { lastSeenAt: nowIso() })
          .catch((error: unknown) => { fastify.log.warn({ err: error, deviceId }, 'could not record last_seen_at') })
      },
    })
  })
}

export default events
