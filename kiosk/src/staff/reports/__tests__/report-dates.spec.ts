// The store's calendar: today in the store's zone whatever the browser's, and the days each preset covers.
import { describe, expect, it } from 'vitest'
import { addDays, dayIn, daysIn, isDate, isoWeekday, presetRange, rangeProblem } from '../report-dates'

describe('report dates', () => {
  it('take today from the store\'s timezone, not the browser\'s', () => {
    const instant = Date.parse('2030-01-06T16:30:00.000Z')
    expect(dayIn('Asia/Shanghai', instant)).toBe('2030-01-07')
    expect(dayIn('UTC', instant)).toBe('2030-01-06')
    expect(dayIn('America/Los_Angeles', instant)).toBe('2030-01-06')
    // Half-hour and 45-minute zones.
    expect(dayIn('Asia/Kolkata', Date.parse('2030-01-06T18:29:00.000Z'))).toBe('2030-01-06')
    expect(dayIn('Asia/Kolkata', Date.parse('2030-01-06T18:30:00.000Z'))).toBe('2030-01-07')
    expect(dayIn('Asia/Kathmandu', Date.parse('2030-01-06T18:15:00.000Z'))).toBe('2030-01-07')
  })

  it('count calendar days across months, years and daylight saving changes', () => {
    expect(addDays('2030-01-01', -1)).toBe('2029-12-31')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2030-03-30', 2)).toBe('2030-04-01')
    expect(daysIn({ from: '2030-03-01', to: '2030-03-31' })).toBe(31)
    expect(isoWeekday('2030-01-07')).toBe(1)
    expect(isoWeekday('2030-01-06')).toBe(7)
    expect(isDate('2030-02-29')).toBe(false)
    expect(isDate('2028-02-29')).toBe(true)
  })

  it('give each preset its days: the week from Monday, the month from the 1st, both up to today', () => {
    expect(presetRange('today', '2030-01-09')).toEqual({ from: '2030-01-09', to: '2030-01-09' })
    expect(presetRange('yesterday', '2030-01-01')).toEqual({ from: '2029-12-31', to: '2029-12-31' })
    // Wednesday 9 January 2030: the week began on Monday the 7th; a Sunday's week began six days before.
    expect(presetRange('week', '2030-01-09')).toEqual({ from: '2030-01-07', to: '2030-01-09' })
    expect(presetRange('week', '2030-01-13')).toEqual({ from: '2030-01-07', to: '2030-01-13' })
    expect(presetRange('week', '2030-01-07')).toEqual({ from: '2030-01-07', to: '2030-01-07' })
    expect(presetRange('month', '2030-02-28')).toEqual({ from: '2030-02-01', to: '2030-02-28' })
  })

  it('refuse the custom ranges the server refuses', () => {
    const today = '2030-01-09'
    expect(rangeProblem({ from: '2030-01-01', to: '2030-01-09' }, today)).toBeNull()
    expect(rangeProblem({ from: '2030-01-01', to: '' }, today)).toBe('invalid')
    expect(rangeProblem({ from: '2030-01-05', to: '2030-01-01' }, today)).toBe('order')
    expect(rangeProblem({ from: '2030-01-10', to: '2030-01-12' }, today)).toBe('future')
    // 366 days at most: 9 January 2029 to 9 January 2030 is 366 days, both included.
    expect(rangeProblem({ from: '2029-01-09', to: '2030-01-09' }, today)).toBeNull()
    expect(rangeProblem({ from: '2029-01-08', to: '2030-01-09' }, today)).toBe('tooLong')
  })
})
