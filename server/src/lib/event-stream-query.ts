// The optional `?lastEventId=` of both event streams: a reloaded page cannot send the Last-Event-ID header.
import type { FastifyRequest } from 'fastify'
import { Type, type Static } from 'typebox'

export const EventStreamQuerySchema = Type.Object({
  lastEventId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
}, { additionalProperties: false })
export type EventStreamQuery = Static<typeof EventStreamQuerySchema>

/** The header wins (EventSource sets it on reconnect); the query serves the first connect after a reload. */
export function adoptLastEventIdFromQuery (request: FastifyRequest, query: EventStreamQuery): void {
  if (query.lastEventId && !request.headers['last-event-id']) request.headers['last-event-id'] = query.lastEventId
}
