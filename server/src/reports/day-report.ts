// The Z-report of a business day (GET /api/staff/reports/days/:date): live figures while the day is open;
// once closed, the figures recorded at the close, and whether the day's facts have moved since.
import type { Db } from '../db/database.js'
import { dayLog, findClosedDay } from '../repositories/business-days.js'
import { nowIso } from '../lib/tokens.js'
import { dayFactsDiffer, dayFigures } from './day-figures.js'
import { parseReportDate } from './report-dates.js'
import type { DayFigures, DayReport } from '#shared/schemas/reports.js'

export interface DayReportDeps {
  db: Db
  store: { name: string, currency: string, timezone: string }
  now?: () => number
}

export async function dayReport (deps: DayReportDeps, date: string): Promise<DayReport> {
  parseReportDate(date)
  const { db, store } = deps
  const generatedAt = nowIso((deps.now ?? Date.now)())
  const closed = await findClosedDay(db, date)
  const live = await dayFigures(db, date, store.timezone)
  const recorded = closed ? JSON.parse(closed.figures) as DayFigures : null
  return {
    date,
    currency: store.currency,
    timezone: store.timezone,
    storeName: store.name,
    figures: recorded ?? live,
    closed: closed ? { at: closed.closedAt, staffId: closed.closedBy, staffName: closed.closedByName } : null,
    changedSinceClose: recorded !== null && dayFactsDiffer(recorded, live),
    history: await dayLog(db, date),
    generatedAt,
  }
}
