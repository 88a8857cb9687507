// GET /api/events: a tablet's live stream — its table's orders, payments and check, its own device, broadcasts —
// and a diner's phone's: the same events of its table, and broadcasts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { adoptLastEventIdFromQuery, EventStreamQuerySchema } from '../../../lib/event-stream-query.js'
import { DeviceReportHeadersSchema } from '../../../lib/device-report.js'
import { nowIso } from '../../../lib/tokens.js'
import { errorResponses } from '../../../lib/route-schemas.js'
import { openEventStream } from '../../../lib/event-stream.js'
import type { HubEvent } from '../../../lib/event-hub.js'
import { isPhoneRequest } from '../../../lib/phone-request.js'
import { findDevice, updateDevice } from '../../../repositories/devices.js'
import { recordDeviceReport } from '../../../services/devices.js'
import { DeviceUnknownError } from '../../../errors.js'
import { TabletEventEnum } from '#shared/schemas/events.js'
import { AppVersionSchema, UnsentOrdersSchema, type DeviceMe } from '#shared/schemas/device.js'

/** EventSource cannot set headers, so the tablet may report its outbox and version in the URL instead. */
const TabletStreamQuerySchema = Type.Object({
  ...EventStreamQuerySchema.properties,
  unsentOrders: Type.Optional(UnsentOrdersSchema),
  appVersion: Type.Optional(AppVersionSchema),
}, { additionalProperties: false })

function isDeviceChange (event: HubEvent, deviceId: string): boolean {
  return event.event === TabletEventEnum.DEVICE_CHANGED && event.audience.kind === 'device' && event.audience.deviceId === deviceId
}

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
      // broadcasts (menu.changed); its session is bound to the table, so the table never changes under it.
      const { tableId } = request.tableSession
      adoptLastEventIdFromQuery(request, request.query)
      openEventStream(request, reply, {
        hub: fastify.events,
        filter: event => event.audience.kind === 'tablets' || (event.audience.kind === 'table' && event.audience.tableId === tableId),
      })
      return
    }
    const row = await findDevice(fastify.db, request.device!.id)
    if (!row) throw new DeviceUnknownError()
    const { unsentOrders, appVersion } = request.query
    await recordDeviceReport(fastify, row, { unsentOrders, appVersion })
    const deviceId = row.id
    // The table is followed through the device's own device.changed events, so a tablet moved
    // while connected switches tables on this very stream.
    let tableId = row.table_id
    adoptLastEventIdFromQuery(request, request.query)
    const leave = fastify.devicePresence.open(deviceId)
    openEventStream(request, reply, {
      hub: fastify.events,
      filter: event => {
        const audience = event.audience
        if (audience.kind === 'tablets') return true
        if (audience.kind === 'device') return audience.deviceId === deviceId
        if (audience.kind === 'table') return tableId !== null && audience.tableId === tableId
        return false
      },
      transform: event => {
        if (isDeviceChange(event, deviceId)) tableId = (event.data as DeviceMe).table?.id ?? null
        return event
      },
      // Missed events are filtered by today's table; if the table changed meanwhile, start afresh.
      acceptReplay: missed => !missed.some(event => isDeviceChange(event, deviceId)),
      onClose: () => {
        leave()
        // Counted as seen until now, so the tablet stays "online" through a quick reconnect.
        updateDevice(fastify.db, deviceId, { lastSeenAt: nowIso() })
          .catch((error: unknown) => { fastify.log.warn({ err: error, deviceId }, 'could not record last_seen_at') })
      },
    })
  })
}

export default events
