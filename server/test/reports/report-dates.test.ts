// The store's calendar days: reports, the day close and the reconciliation all bound their days with these.
import { describe, expect, it } from 'vitest'
import { ErrorCodeEnum } from '#shared/error-codes.js'
import {
  addDays, checkReportRange, dateOfDayNumber, dayNumber, daysInRange, eachDay, isoWeekday, isReportDate, localClock,
  localDayBounds, localRangeBounds, localTime, parseReportDate, todayIn, utcOffsetMs, weekdayOfDayNumber,
} from '../../src/reports/report-dates.js'

function codeOf (run: () => unknown): string | undefined {
  try {
    run()
  } catch (error) {
    return (error as { code?: string }).code
  }
  return undefined
}

describe('report dates', () => {
  it('accepts real calendar days only', () => {
    expect(isReportDate('2026-03-01')).toBe(true)
    expect(isReportDate('2024-02-29')).toBe(true)
    for (const bad of ['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-4-1', '2026-03-01T00:00', ' 2026-03-01', '', '0000-01-01']) {
      expect(isReportDate(bad), bad).toBe(false)
      expect(codeOf(() => parseReportDate(bad)), bad).toBe(ErrorCodeEnum.REPORT_DATE_INVALID)
    }
    expect(parseReportDate('2026-12-31')).toBe('2026-12-31')
  })

  it('checks a range: order, length and real days', () => {
    expect(checkReportRange('2026-03-01', '2026-03-01')).toBe(1)
    expect(checkReportRange('2025-01-01', '2025-12-31')).toBe(365)
    expect(checkReportRange('2024-01-01', '2024-12-31')).toBe(366)
    expect(codeOf(() => checkReportRange('2026-03-02', '2026-03-01'))).toBe(ErrorCodeEnum.REPORT_RANGE_INVALID)
    expect(codeOf(() => checkReportRange('2025-01-01', '2026-01-02'))).toBe(ErrorCodeEnum.REPORT_RANGE_TOO_LONG)
    expect(codeOf(() => checkReportRange('2026-02-30', '2026-03-01'))).toBe(ErrorCodeEnum.REPORT_DATE_INVALID)
    expect(codeOf(() => checkReportRange('2026-03-01', 'tomorrow'))).toBe(ErrorCodeEnum.REPORT_DATE_INVALID)
  })

  it('counts and lists days across month and leap-year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(daysInRange('2026-02-27', '2026-03-02')).toBe(4)
    expect(eachDay('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'])
    expect(isoWeekday('2026-03-01')).toBe(7) // a Sunday
    expect(isoWeekday('2026-03-02')).toBe(1)
  })

  it('bounds a Beijing day at 16:00 UTC', () => {
    expect(localDayBounds('2026-03-01', 'Asia/Shanghai')).toEqual({ startUtc: '2026-02-28T16:00:00.000Z', endUtc: '2026-03-01T16:00:00.000Z' })
    expect(localRangeBounds('2026-03-01', '2026-03-31', 'Asia/Shanghai')).toEqual({ startUtc: '2026-02-28T16:00:00.000Z', endUtc: '2026-03-31T16:00:00.000Z' })
    expect(localTime('2026-03-01T15:59:59Z', 'Asia/Shanghai')).toEqual({ date: '2026-03-01', hour: 23, minute: 59, weekday: 7 })
    expect(localTime('2026-03-01T16:00:00Z', 'Asia/Shanghai')).toEqual({ date: '2026-03-02', hour: 0, minute: 0, weekday: 1 })
  })

  it('handles :30 and :45 offsets', () => {
    expect(localDayBounds('2026-03-01', 'Asia/Kolkata').startUtc).toBe('2026-02-28T18:30:00.000Z')
    expect(localDayBounds('2026-03-01', 'Asia/Kathmandu').startUtc).toBe('2026-02-28T18:15:00.000Z')
    expect(utcOffsetMs(Date.parse('2026-03-01T00:00:00Z'), 'Asia/Kathmandu')).toBe((5 * 60 + 45) * 60_000)
    expect(localTime('2026-02-28T18:14:59Z', 'Asia/Kathmandu')).toMatchObject({ date: '2026-02-28', hour: 23, minute: 59 })
  })

  it('makes DST days 23 and 25 hours long', () => {
    const spring = localDayBounds('2026-03-08', 'America/New_York')
    expect(spring).toEqual({ startUtc: '2026-03-08T05:00:00.000Z', endUtc: '2026-03-09T04:00:00.000Z' })
    const autumn = localDayBounds('2026-11-01', 'America/New_York')
    expect(autumn).toEqual({ startUtc: '2026-11-01T04:00:00.000Z', endUtc: '2026-11-02T05:00:00.000Z' })
    // Lord Howe Island moves by 30 minutes: +11:00 in summer, +10:30 in winter (from the first Sunday of April).
    const lordHowe = localDayBounds('2026-04-05', 'Australia/Lord_Howe')
    expect(Date.parse(lordHowe.endUtc) - Date.parse(lordHowe.startUtc)).toBe(24.5 * 3_600_000)
  })

  it('starts a day whose midnight is skipped at the jump', () => {
    // Chile springs forward at local midnight: 2026-09-06 00:00 −04 is 01:00 −03, so the day starts at 04:00 UTC.
    const { startUtc, endUtc } = localDayBounds('2026-09-06', 'America/Santiago')
    expect(startUtc).toBe('2026-09-06T04:00:00.000Z')
    expect(localTime(startUtc, 'America/Santiago')).toMatchObject({ date: '2026-09-06', hour: 1, minute: 0 })
    expect(Date.parse(endUtc) - Date.parse(startUtc)).toBe(23 * 3_600_000)
    expect(localTime(Date.parse(startUtc) - 1000, 'America/Santiago').date).toBe('2026-09-05')
  })

  it('knows today in the store, not in UTC', () => {
    const now = new Date('2026-03-01T16:30:00Z')
    expect(todayIn('Asia/Shanghai', now)).toBe('2026-03-02')
    expect(todayIn('UTC', now)).toBe('2026-03-01')
    expect(todayIn('America/Los_Angeles', now)).toBe('2026-03-01')
  })
})

describe('localClock', () => {
  it('agrees with Intl on every quarter hour across DST changes and odd offsets', () => {
    const cases: Array<[string, string, string]> = [
      ['America/New_York', '2026-03-01', '2026-03-31'],
      ['America/New_York', '2026-10-25', '2026-11-05'],
      ['Australia/Lord_Howe', '2026-04-01', '2026-04-10'],
      ['America/Santiago', '2026-09-01', '2026-09-10'],
      ['Asia/Kathmandu', '2026-01-01', '2026-01-03'],
    ]
    for (const [zone, from, to] of cases) {
      const { startUtc, endUtc } = localRangeBounds(from, to, zone)
      const start = Date.parse(startUtc)
      const end = Date.parse(endUtc)
      const clock = localClock(start, end, zone)
      for (let ms = start; ms < end; ms += 15 * 60_000) {
        const wall = new Date(clock(ms))
        const expected = localTime(ms, zone)
        expect({ date: wall.toISOString().slice(0, 10), hour: wall.getUTCHours(), minute: wall.getUTCMinutes() }, `${zone} ${new Date(ms).toISOString()}`)
          .toEqual({ date: expected.date, hour: expected.hour, minute: expected.minute })
      }
    }
  })

  it('numbers days and their weekdays', () => {
    expect(dayNumber('1970-01-01')).toBe(0)
    expect(dateOfDayNumber(dayNumber('2026-03-01'))).toBe('2026-03-01')
    expect(weekdayOfDayNumber(dayNumber('2026-03-01'))).toBe(7)
    expect(weekdayOfDayNumber(dayNumber('2026-03-02'))).toBe(1)
    expect(weekdayOfDayNumber(dayNumber('1969-12-29'))).toBe(1)
  })
})
