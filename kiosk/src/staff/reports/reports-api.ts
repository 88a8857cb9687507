// The reports' endpoints: the sales report (JSON, or a CSV link), a day's Z-report with its close and reopen,
// and the day's reconciliation against Alipay's bill. Loaded only with the reports' chunk.
import type { Locale } from '@shared/schemas/common'
import type { DayReport, Reconciliation, SalesReport } from '@shared/schemas/reports'
import { request } from '@/core/api/client'
import type { DateRange } from './report-dates'

const at = encodeURIComponent

export function readSalesReport ({ from, to }: DateRange): Promise<SalesReport> {
  return request('GET', `/api/staff/reports/sales?${new URLSearchParams({ from, to }).toString()}`)
}

/**
 * The range's order lines as CSV, with headers in `lang`. A plain link does: the staff session is a cookie
 * (HttpOnly tp_staff), so the browser sends it with the download like with any request.
 */
export function salesCsvUrl ({ from, to }: DateRange, lang: Locale): string {
  return `/api/staff/reports/sales?${new URLSearchParams({ from, to, format: 'csv', lang }).toString()}`
}

export function readDayReport (date: string): Promise<DayReport> {
  return request('GET', `/api/staff/reports/days/${at(date)}`)
}
/** Records who closed the day and when, with its figures as they stand; answers the day's report. */
export function closeDay (date: string): Promise<DayReport> {
  return request('POST', `/api/staff/reports/days/${at(date)}/close`, { body: {} })
}
/** Opens a closed day again (managers, with a reason kept in its history); answers the day's report. */
export function reopenDay (date: string, reason: string): Promise<DayReport> {
  return request('POST', `/api/staff/reports/days/${at(date)}/reopen`, { body: { reason } })
}

export function readReconciliation (date: string): Promise<Reconciliation> {
  return request('GET', `/api/staff/reports/reconciliation/${at(date)}`)
}
/** Fetches Alipay's bill for the day and compares it now (managers). */
export function runReconciliation (date: string): Promise<Reconciliation> {
  return request('POST', `/api/staff/reports/reconciliation/${at(date)}`, { body: {} })
}
