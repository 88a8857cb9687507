// Closing a business day (its Z-report figures recorded as they stand, who closed it and when) and
// reopening it (a manager, with a reason). Both are logged in business_day_log in the transaction that
// makes the change, and in the server log.
import { inTransaction } from '../db/transaction.js'
import createError from '@fastify/error'
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.js'
import { isUniqueViolation } from '../db/unique-violation.js'
import { appendDayLog, deleteClosedDay, findClosedDay, insertClosedDay } from '../repositories/business-days.js'
import { nowIso } from '../lib/tokens.js'
import { dayFigures } from './day-figures.js'
import { parseReportDate, todayIn } from './report-dates.js'
import { ErrorCodeEnum } from '#shared/error-codes.js'
import { DayCloseActionEnum } from '#shared/schemas/reports.js'

export const DayInFutureError = createError(ErrorCodeEnum.DAY_IN_FUTURE, '%s has not begun yet in the store\'s time zone (today is %s)', 409)
export const DayAlreadyClosedError = createError(ErrorCodeEnum.DAY_ALREADY_CLOSED, '%s is closed already: reopen it first', 409)
export const DayNotClosedError = createError(ErrorCodeEnum.DAY_NOT_CLOSED, '%s is not closed', 409)

export interface DayCloseDeps {
  db: Db
  timeZone: string
  log: FastifyBaseLogger
  now?: () => number
}

/**
 * Closes `date`: its figures as they stand now become the Z-report of record. Today may be closed (the
 * end of service); a day that has not begun may not (409 DAY_IN_FUTURE), nor one closed already (409
 * DAY_ALREADY_CLOSED, also for the loser of two closes racing: the date is the table's primary key).
 */
export async function closeDay (deps: DayCloseDeps, date: string, staffId: string): Promise<void> {
  parseReportDate(date)
  const now = (deps.now ?? Date.now)()
  const today = todayIn(deps.timeZone, new Date(now))
  if (date > today) throw new DayInFutureError(date, today)
  const at = nowIso(now)
  try {
    await inTransaction(deps.db, async trx => {
      if (await findClosedDay(trx, date)) throw new DayAlreadyClosedError(date)
      // Read in the transaction that records them: nothing committed in between is missed.
      const figures = await dayFigures(trx, date, deps.timeZone)
      await insertClosedDay(trx, { date, figures: JSON.stringify(figures), closedAt: at, closedBy: staffId })
      await appendDayLog(trx, { date, action: DayCloseActionEnum.CLOSE, staffId, at, reason: null })
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new DayAlreadyClosedError(date)
    throw error
  }
  deps.log.info({ date, staffId }, 'business day closed')
}

/** Opens a closed day again (409 DAY_NOT_CLOSED when it is not closed); the reason is kept in the day's log. */
export async function reopenDay (deps: DayCloseDeps, date: string, staffId: string, reason: string): Promise<void> {
  parseReportDate(date)
  const at = nowIso((deps.now ?? Date.now)())
  await inTransaction(deps.db, async trx => {
    if (!await deleteClosedDay(trx, date)) throw new DayNotClosedError(date)
    await appendDayLog(trx, { date, action: DayCloseActionEnum.REOPEN, staffId, at, reason })
  })
  // A reopened day's figures may change again: worth a warning in the log, not only a row in the table.
  deps.log.warn({ date, staffId, reason }, 'business day reopened')
}
