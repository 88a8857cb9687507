// GET /api/staff/tables/:id/check: a table's current check for staff; POST …/check/close: close it (a reason when it still owes money).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errorResponses } from '../../../../lib/route-schemas.js'
import { checkView, closeTableCheck } from '../../../../services/checks.js'
import { findCurrentCheck } from '../../../../repositories/checks.js'
import { CheckNotFoundError } from '../../../../payments/errors.js'
import { IdParamsSchema } from '#shared/schemas/common.js'
import { CheckSchema } from '#shared/schemas/check.js'
import { storeOf } from '../../../store-of.js'

/** No body, `{}`, or `{ reason }`: why a check that still owes money is closed (paid at the counter, left unpaid…). */
const CloseCheckSchema = Type.Union([
  Type.Object({ reason: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
  Type.Null(),
])

const tableCheck: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/:id/check', {
    preHandler: fastify.requireStaff,
    // 404 CHECK_NOT_FOUND: nothing ordered at the table yet. The open check, else the one closed last.
    schema: { params: IdParamsSchema, response: { 200: CheckSchema, ...errorResponses(400, 401, 404) } },
  }, async (request) => {
    const { db, settings } = storeOf(request)
    const check = await findCurrentCheck(db, request.params.id)
    if (!check) throw new CheckNotFoundError()
    return checkView(db, check, { dinerId: null }, settings.currency)
  })

  fastify.post('/:id/check/close', {
    preHandler: fastify.requireStaff,
    schema: {
      params: IdParamsSchema,
      body: CloseCheckSchema,
      // 404 CHECK_NOT_FOUND: no open check at the table; 409 CHECK_NOT_SETTLED: due > 0 and no reason.
      response: { 200: CheckSchema, ...errorResponses(400, 401, 404, 409, 413, 415) },
    },
  }, async (request) => closeTableCheck(storeOf(request), request.params.id, request.staff!.id, request.body?.reason))
}

export default tableCheck
