// /api/staff/reports/reconciliation/:date: a bill day's reconciliation with Alipay's bill. Any staff member reads
// it; managers run it now. The day is Alipay's (midnight to midnight Beijing time).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ReconciliationSchema } from '#shared/schemas/reports.js'
import { errorResponses } from '../../../../lib/route-schemas.js'
import { beijingDayOf } from '../../../../reconciliation/bill-day.js'
import { BillNotReadyError } from '../../../../reconciliation/errors.js'
import { parseReportDate } from '../../../../reports/report-dates.js'
import { storeOf } from '../../../store-of.js'

// Any text up to a bound: a malformed day answers REPORT_DATE_INVALID (parseReportDate), not a validation code.
const ParamsSchema = Type.Object({ date: Type.String({ maxLength: 32 }) }, { additionalProperties: false })

const reconciliation: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/reconciliation/:date', {
    preHandler: fastify.requireStaff,
    schema: { params: ParamsSchema, response: { 200: ReconciliationSchema, ...errorResponses(400, 401) } },
  }, async (request) => storeOf(request).billReconciliation.get(parseReportDate(request.params.date)))

  fastify.post('/reconciliation/:date', {
    preHandler: fastify.requireManager,
    schema: { params: ParamsSchema, response: { 200: ReconciliationSchema, ...errorResponses(400, 401, 403, 409) } },
  }, async (request) => {
    const store = storeOf(request)
    const date = parseReportDate(request.params.date)
    const today = beijingDayOf(new Date())
    // Alipay's bill of a day exists the next morning; the built-in emulator serves today's too (demos).
    const todayAllowed = store.settings.alipay.mode === 'sandbox-local'
    if (date > today || (date === today && !todayAllowed)) throw new BillNotReadyError(date)
    return store.billReconciliation.run(date)
  })
}

export default reconciliation
