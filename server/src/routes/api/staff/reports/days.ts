// /api/staff/reports/days/:date: the end-of-day close. Any staff member reads a day's Z-report; managers
// close a day and reopen it (with a reason).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { errorResponses, NoBodySchema } from '../../../../lib/route-schemas.js'
import type { DayCloseDeps } from '../../../../reports/day-close.js'
import type { DayReportDeps } from '../../../../reports/day-report.js'
import { ReportDateInvalidError } from '../../../../reports/report-dates.js'
import { DayParamsSchema, DayReportSchema, ReopenDaySchema } from '#shared/schemas/reports.js'
import { storeOf } from '../../../store-of.js'

/**
 * A date the pattern refuses (2026-1-5) is the same mistake as one that is not a calendar day (2026-02-30):
 * both answer 400 REPORT_DATE_INVALID rather than the generic validation code. A bad body stays a
 * validation error.
 */
function refuseInvalid (request: FastifyRequest): void {
  const error = request.validationError
  if (!error) return
  if (error.validationContext === 'params') throw new ReportDateInvalidError(JSON.stringify((request.params as { date?: unknown }).date))
  throw error
}

// The close and the Z-report (with the day's figures) load on the first request, not at start: the idle server
// must stay small (issue 11, idle RSS < 100 MiB). Node caches the modules.
const loadDayClose = async () => import('../../../../reports/day-close.js')
const loadDayReport = async () => import('../../../../reports/day-report.js')

const days: FastifyPluginAsyncTypebox = async (fastify) => {
  /** The day of the request's store, in its time zone and currency. */
  const reportDeps = (request: FastifyRequest): DayReportDeps => {
    const { db, settings } = storeOf(request)
    return { db, store: settings }
  }
  // The request's logger: a close or reopen in the server log carries the request that made it.
  const closeDeps = (request: FastifyRequest): DayCloseDeps => {
    const { db, settings } = storeOf(request)
    return { db, timeZone: settings.timezone, log: request.log }
  }

  fastify.get('/days/:date', {
    preHandler: fastify.requireStaff,
    attachValidation: true,
    schema: { params: DayParamsSchema, response: { 200: DayReportSchema, ...errorResponses(400, 401) } },
  }, async (request) => {
    refuseInvalid(request)
    const { dayReport } = await loadDayReport()
    return dayReport(reportDeps(request), request.params.date)
  })

  fastify.post('/days/:date/close', {
    preHandler: fastify.requireManager,
    attachValidation: true,
    schema: { params: DayParamsSchema, body: NoBodySchema, response: { 200: DayReportSchema, ...errorResponses(400, 401, 403, 409, 415) } },
  }, async (request) => {
    refuseInvalid(request)
    const [{ closeDay }, { dayReport }] = await Promise.all([loadDayClose(), loadDayReport()])
    await closeDay(closeDeps(request), request.params.date, request.staff!.id)
    return dayReport(reportDeps(request), request.params.date)
  })

  fastify.post('/days/:date/reopen', {
    preHandler: fastify.requireManager,
    attachValidation: true,
    schema: { params: DayParamsSchema, body: ReopenDaySchema, response: { 200: DayReportSchema, ...errorResponses(400, 401, 403, 409, 413, 415) } },
  }, async (request) => {
    refuseInvalid(request)
    const [{ reopenDay }, { dayReport }] = await Promise.all([loadDayClose(), loadDayReport()])
    await reopenDay(closeDeps(request), request.params.date, request.staff!.id, request.body.reason)
    return dayReport(reportDeps(request), request.params.date)
  })
}

export default days
