// What a tablet says about itself on each request: its app version and how many orders wait in its outbox.
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { APP_VERSION_HEADER, UNSENT_ORDERS_HEADER } from '#shared/schemas/device.js'

export interface DeviceReport {
  appVersion?: string
  unsentOrders?: number
}

const UNSENT_PATTERN = '^(0|[1-9][0-9]{0,2})$'
const MAX_APP_VERSION_LENGTH = 40

/** For routes that document the headers: a malformed value is a 400 there, not silently dropped. */
export const DeviceReportHeadersSchema = Type.Object({
  [UNSENT_ORDERS_HEADER]: Type.Optional(Type.String({ pattern: UNSENT_PATTERN })),
  [APP_VERSION_HEADER]: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_APP_VERSION_LENGTH })),
})

/**
 * The report carried by the request headers. Malformed values are left out rather than refused:
 * on routes that do not declare the headers, a diagnostic must never stop a diner's order.
 */
export function reportFromHeaders (request: FastifyRequest): DeviceReport {
  const report: DeviceReport = {}
  const version = request.headers[APP_VERSION_HEADER]
  if (typeof version === 'string' && version.length >= 1 && version.length <= MAX_APP_VERSION_LENGTH) report.appVersion = version
  const unsent = request.headers[UNSENT_ORDERS_HEADER]
  if (typeof unsent === 'string' && new RegExp(UNSENT_PATTERN).test(unsent)) report.unsentOrders = Number(unsent)
  return report
}
