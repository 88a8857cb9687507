// The alerts list's page cursor: an opaque string for clients, createdAt + id for the query.
import { InvalidCursorError } from '../errors.js'
import type { AlertCursor } from '../repositories/alerts.js'

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
const ID = /^[A-Za-z0-9_-]{1,64}$/

export function encodeAlertCursor (cursor: AlertCursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`, 'utf8').toString('base64url')
}

/** Reads a cursor this server gave out; anything else is refused with INVALID_CURSOR (400). */
export function decodeAlertCursor (text: string): AlertCursor {
  const [createdAt, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|')
  if (rest.length > 0 || !createdAt || !id || !TIMESTAMP.test(createdAt) || !ID.test(id)) throw new InvalidCursorError()
  return { createdAt, id }
}
