// GET /api/staff/reports/sales?from&to[&format=csv&lang]: the sales of the store's days from … to (inclusive,
// STORE_TIMEZONE). Managers ask for any range; other staff for today only (the till's "how are we doing").
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { errorResponses } from '../../../../lib/route-schemas.js'
import { StaffForbiddenError } from '../../../../errors.js'
import { checkReportRange, isReportDate, ReportDateInvalidError, todayIn } from '../../../../reports/report-dates.js'
import { SalesReportQuerySchema, SalesReportSchema } from '#shared/schemas/reports.js'
import { hasManagerRights } from '../../../../plugins/app/staff-auth.js'
import { storeOf } from '../../../store-of.js'

// The report and its CSV (with csv-stringify) load on the first request, not at start: most servers' days pass
// without a report, and the idle server must stay small (issue 11, idle RSS < 100 MiB). Node caches the modules.
const loadSalesReport = async () => import('../../../../reports/sales-report.js')
const loadSalesCsv = async () => import('../../../../reports/sales-csv.js')

/**
 * A `from` or `to` the pattern refuses (2026-3-1, missing) is the same mistake as one that is not a calendar
 * day (2026-02-30): 400 REPORT_DATE_INVALID, not the generic validation code. Other query mistakes (an
 * unknown format, an unknown field) stay validation errors.
 */
function refuseInvalid (request: FastifyRequest): void {
  const error = request.validationError
  if (!error) return
  const query = request.query as { from?: unknown, to?: unknown }
  for (const value of [query.from, query.to]) {
    if (typeof value !== 'string' || !isReportDate(value)) throw new ReportDateInvalidError(JSON.stringify(value ?? null))
  }
  throw error
}

const sales: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/sales', {
    preHandler: fastify.requireStaff,
    attachValidation: true,
    schema: { querystring: SalesReportQuerySchema, response: { 200: SalesReportSchema, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => {
    refuseInvalid(request)
    const { from, to, format, lang } = request.query
    checkReportRange(from, to)
    const { db, settings: store } = storeOf(request)
    if (!hasManagerRights(request.staff)) {
      const today = todayIn(store.timezone)
      if (from !== today || to !== today) throw new StaffForbiddenError()
    }
    if (format === 'csv') {
      const { salesCsv, salesCsvFilename } = await loadSalesCsv()
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${salesCsvFilename(from, to)}"`)
        // Figures of the day change with every order: never a cached copy.
        .header('cache-control', 'no-store')
        // A byte stream, sent as it is (not serialized): the 200 schema describes the JSON answer only.
        .send(salesCsv(db, store, from, to, lang ?? 'en') as never)
    }
    reply.header('cache-control', 'no-store')
    const { buildSalesReport } = await loadSalesReport()
    return buildSalesReport(db, store, from, to)
  })
}

export default sales
