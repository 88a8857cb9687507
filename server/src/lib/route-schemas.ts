// Schema pieces every route file needs: error responses per status, and "no body or {}".
import { Type } from 'typebox'
import { ErrorSchema } from '#shared/schemas/common.js'

/** Declares `{ code, message }` for each status a route may answer with besides its success. */
export function errorResponses<const S extends number> (...statuses: S[]): Record<S, typeof ErrorSchema> {
  return Object.fromEntries(statuses.map(status => [status, ErrorSchema])) as Record<S, typeof ErrorSchema>
}

/** Actions without parameters accept no body at all or `{}`; anything else is refused. */
export const NoBodySchema = Type.Union([Type.Object({}, { additionalProperties: false }), Type.Null()])
