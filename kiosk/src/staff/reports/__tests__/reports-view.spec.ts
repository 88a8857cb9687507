// The reports screen: managers switch ranges (the store's calendar decides the days asked for), read every chart as a
// table, and download the CSV in the console's language; other staff see today's totals only.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import type { StaffMember, StaffStore } from '@shared/schemas/staff'
import type { Locale } from '@shared/schemas/common'
import { createMockServer, type Call, type MockServer } from '@/__tests__/support'
import { MANAGER, STAFF, STORE, loggedIn, mountStaff } from '@/staff/components/__tests__/staff-support'
import ReportsView from '../ReportsView.vue'
import { useReportsStore } from '../reports-store'
import { reconciliation, salesReport } from './report-fixtures'

// Sunday 6 January 2030, 20:00 UTC: already Monday 7 January in the store (Asia/Shanghai, UTC+8).
const NOW = new Date('2030-01-06T20:00:00.000Z')
const STORE_TODAY = '2030-01-07'

let server: MockServer
let wrapper: VueWrapper | undefined
/** Ranges a manager may not ask for, as the server refuses them (any but today, for staff). */
let refuseOtherDays = false

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
  refuseOtherDays = false
  server = createMockServer()
  server.on('GET /api/staff/reports/sales', (call) => {
    const query = new URLSearchParams(call.search)
    const from = query.get('from')!
    const to = query.get('to')!
    if (refuseOtherDays && (from !== STORE_TODAY || to !== STORE_TODAY)) {
      return { status: 403, body: { code: 'STAFF_FORBIDDEN', message: 'managers only' } }
    }
    return { status: 200, body: salesReport(from, to) }
  })
  vi.stubGlobal('fetch', server.fetch)
})

afterEach(() => {
  localStorage.clear()
  wrapper?.unmount()
  wrapper = undefined
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

function salesCalls (): { from: string | null, to: string | null }[] {
  return server.callsTo('GET', '/api/staff/reports/sales').map((call: Call) => {
    const query = new URLSearchParams(call.search)
    return { from: query.get('from'), to: query.get('to') }
  })
}

async function open (member: StaffMember, locale: Locale = 'en', store: StaffStore = STORE): Promise<VueWrapper> {
  ;({ wrapper } = await mountStaff(ReportsView, { pinia: loggedIn(member, store), path: '/staff/reports', locale }))
  await vi.waitFor(() => expect(wrapper!.find('[data-testid="report-content"]').exists()).toBe(true))
  return wrapper
}

async function rangeShown (from: string, to: string): Promise<void> {
  await vi.waitFor(() => {
    const content = wrapper!.get('[data-testid="report-content"]')
    expect([content.attributes('data-from'), content.attributes('data-to'), content.attributes('data-loading')]).toEqual([from, to, 'false'])
  })
}

describe('the range a manager chooses', () => {
  it('starts at the store\'s today, in the timezone the staff session named, whatever the browser\'s', async () => {
    await open(MANAGER)
    await rangeShown(STORE_TODAY, STORE_TODAY)
    // The first and only question is already the store's today: no guess to correct after an answer.
    expect(salesCalls()).toEqual([{ from: STORE_TODAY, to: STORE_TODAY }])
    expect(useReportsStore().timezone).toBe('Asia/Shanghai')
    expect(wrapper!.get('.lead').text()).toContain('Asia/Shanghai')
  })

  it('asks for the store\'s day west of UTC too, where the same instant is still Sunday', async () => {
    await open(MANAGER, 'en', { ...STORE, timezone: 'America/Los_Angeles' })
    await rangeShown('2030-01-06', '2030-01-06')
    expect(salesCalls()).toEqual([{ from: '2030-01-06', to: '2030-01-06' }])
    expect(wrapper!.get('.lead').text()).toContain('America/Los_Angeles')
  })

  it('asks for yesterday, this week from Monday, this month from the 1st, and custom days', async () => {
    await open(MANAGER)
    await rangeShown(STORE_TODAY, STORE_TODAY)

    await wrapper!.get('[data-testid="report-range-yesterday"]').trigger('click')
    await rangeShown('2030-01-06', '2030-01-06')
    expect(salesCalls().at(-1)).toEqual({ from: '2030-01-06', to: '2030-01-06' })

    // 7 January 2030 is a Monday: the week so far is that one day; the month runs from the 1st.
    await wrapper!.get('[data-testid="report-range-week"]').trigger('click')
    await rangeShown(STORE_TODAY, STORE_TODAY)
    await wrapper!.get('[data-testid="report-range-month"]').trigger('click')
    await rangeShown('2030-01-01', STORE_TODAY)
    expect(salesCalls().at(-1)).toEqual({ from: '2030-01-01', to: STORE_TODAY })
    expect(wrapper!.get('[data-testid="report-range-month"]').attributes('aria-pressed')).toBe('true')

    await wrapper!.get('[data-testid="report-range-custom"]').trigger('click')
    await wrapper!.get('[data-testid="report-range-from"]').setValue('2029-12-24')
    await wrapper!.get('[data-testid="report-range-to"]').setValue('2029-12-31')
    await wrapper!.get('[data-testid="report-range-form"]').trigger('submit')
    await rangeShown('2029-12-24', '2029-12-31')
    expect(salesCalls().at(-1)).toEqual({ from: '2029-12-24', to: '2029-12-31' })
    expect(wrapper!.get('[data-testid="report-range-text"]').text()).toMatch(/Dec 24.*Dec 31/)
  })

  it('refuses a custom range the server would refuse, saying why, without asking', async () => {
    await open(MANAGER)
    await rangeShown(STORE_TODAY, STORE_TODAY)
    const asked = salesCalls().length
    await wrapper!.get('[data-testid="report-range-custom"]').trigger('click')
    await wrapper!.get('[data-testid="report-range-from"]').setValue('2029-12-31')
    await wrapper!.get('[data-testid="report-range-to"]').setValue('2029-12-01')
    await wrapper!.get('[data-testid="report-range-form"]').trigger('submit')
    expect(wrapper!.get('[data-testid="report-range-problem"]').text()).toBe('The last day is before the first.')
    await wrapper!.get('[data-testid="report-range-from"]').setValue('2028-01-01')
    await wrapper!.get('[data-testid="report-range-to"]').setValue('2029-12-31')
    await wrapper!.get('[data-testid="report-range-form"]').trigger('submit')
    expect(wrapper!.get('[data-testid="report-range-problem"]').text()).toBe('At most 366 days at once.')
    expect(salesCalls()).toHaveLength(asked)
  })

  it('shows only the answer to the latest choice when an earlier one answers late', async () => {
    await open(MANAGER)
    await rangeShown(STORE_TODAY, STORE_TODAY)
    let releaseMonth: () => void = () => undefined
    server.on('GET /api/staff/reports/sales', async (call) => {
      const query = new URLSearchParams(call.search)
      if (query.get('from') === '2030-01-01') await new Promise<void>((resolve) => { releaseMonth = resolve })
      return { status: 200, body: salesReport(query.get('from')!, query.get('to')!) }
    })
    await wrapper!.get('[data-testid="report-range-month"]').trigger('click')
    await wrapper!.get('[data-testid="report-range-yesterday"]').trigger('click')
    await rangeShown('2030-01-06', '2030-01-06')
    releaseMonth()
    // The late month's answer has arrived and been handled (fetch, json, the store) before the check.
    await flushPromises()
    await rangeShown('2030-01-06', '2030-01-06')
  })
})

describe('totals and charts', () => {
  it('show the totals in the store\'s currency, and every chart\'s figures as a table', async () => {
    await open(MANAGER)
    await wrapper!.get('[data-testid="report-range-month"]').trigger('click')
    await rangeShown('2030-01-01', STORE_TODAY)
    // 7 days × 2 orders of ¥50.00, a refund of ¥10.00.
    expect(wrapper!.get('[data-testid="report-total-orders"]').text()).toContain('14')
    expect(wrapper!.get('[data-testid="report-total-gross"]').text()).toContain('¥700.00')
    expect(wrapper!.get('[data-testid="report-total-refunds"]').text()).toContain('¥10.00')
    expect(wrapper!.get('[data-testid="report-total-net"]').text()).toContain('¥690.00')
    expect(wrapper!.get('[data-testid="report-total-averageOrder"]').text()).toContain('¥50.00')
    expect(wrapper!.get('[data-testid="report-channel-phone"]').text()).toContain('1 order, ¥50.00')
    expect(wrapper!.get('[data-testid="report-channel-tablet"]').text()).toMatch(/93\s?%/)

    // Each chart is an image named by its caption and described by a summary…
    const byDay = wrapper!.get('[data-testid="report-by-day"]')
    const canvas = byDay.get('canvas')
    expect(canvas.attributes('role')).toBe('img')
    expect(document.getElementById(canvas.attributes('aria-labelledby')!)?.textContent).toBe('Sales by day')
    const firstDay = byDay.findAll('tbody th')[0]!.text()
    expect(document.getElementById(canvas.attributes('aria-describedby')!)?.textContent).toBe(`Highest: ${firstDay}, ¥100.00. Total ¥700.00.`)
    // …and readable as a table with the same figures.
    const rows = byDay.findAll('[data-testid="report-by-day-table"] tbody tr')
    expect(rows).toHaveLength(7)
    expect(rows[0]!.findAll('th, td').map(cell => cell.text())).toEqual([firstDay, '2', '¥100.00', '¥10.00', '¥90.00'])
    expect(firstDay).toMatch(/Jan 1\b/)

    const noon = wrapper!.findAll('[data-testid="report-by-hour-table"] tbody tr')[12]!
    expect(noon.findAll('th, td').map(cell => cell.text())).toEqual(['12:00', '14', '¥700.00'])
    const tuesday = wrapper!.findAll('[data-testid="report-by-weekday-table"] tbody tr')[1]!
    expect(tuesday.findAll('th, td').map(cell => cell.text())).toEqual(['Tuesday', '2', '¥100.00'])

    const dishes = wrapper!.get('[data-testid="report-dishes"]')
    expect(dishes.attributes('data-metric')).toBe('quantity')
    expect(dishes.findAll('tbody tr').map(row => row.get('th').text())).toEqual(['Mapo tofu', 'Jasmine tea'])
    await dishes.get('[data-testid="report-dishes-by-gross"]').trigger('click')
    expect(dishes.attributes('data-metric')).toBe('gross')
    expect(dishes.get('figcaption').text()).toBe('Dishes: top 2 (Revenue)')
    expect(wrapper!.get('[data-testid="report-tables"]').text()).toContain('Table 5')
    expect(wrapper!.get('[data-testid="report-methods"]').text()).toContain('Alipay QR on the tablet')
    expect(wrapper!.get('[data-testid="report-sold-out"]').text()).toContain('Roast duck')
    expect(wrapper!.get('[data-testid="report-sold-out"]').text()).toContain('Still sold out')
  })

  it('are in Chinese with a Chinese console, and the CSV comes with Chinese headers', async () => {
    await open(MANAGER, 'zh-CN')
    await rangeShown(STORE_TODAY, STORE_TODAY)
    expect(wrapper!.get('h1').text()).toBe('报表')
    expect(wrapper!.get('[data-testid="report-by-hour"] figcaption').text()).toBe('各时段销售额')
    expect(wrapper!.get('[data-testid="report-dishes"]').text()).toContain('麻婆豆腐')
    const csv = new URL(wrapper!.get('[data-testid="report-csv"]').attributes('href')!, 'http://console.test')
    expect(csv.pathname).toBe('/api/staff/reports/sales')
    expect(Object.fromEntries(csv.searchParams)).toEqual({ from: STORE_TODAY, to: STORE_TODAY, format: 'csv', lang: 'zh-CN' })
  })

  it('download the chosen range as CSV', async () => {
    await open(MANAGER)
    await wrapper!.get('[data-testid="report-range-yesterday"]').trigger('click')
    await rangeShown('2030-01-06', '2030-01-06')
    const csv = wrapper!.get('[data-testid="report-csv"]')
    expect(csv.attributes('download')).toBeDefined()
    expect(csv.attributes('href')).toBe('/api/staff/reports/sales?from=2030-01-06&to=2030-01-06&format=csv&lang=en')
  })
})

describe('the reconciliation line', () => {
  it('shows yesterday\'s status against Alipay\'s bill, linking to that day', async () => {
    server.on('GET /api/staff/reports/reconciliation/:date', (_call, params) => ({ status: 200, body: reconciliation(params.date!, { status: 'mismatched' }) }))
    await open(MANAGER)
    await rangeShown(STORE_TODAY, STORE_TODAY)
    await vi.waitFor(() => expect(wrapper!.find('[data-testid="report-reconciliation"]').exists()).toBe(true))
    const line = wrapper!.get('[data-testid="report-reconciliation"]')
    expect(line.attributes('data-status')).toBe('mismatched')
    expect(line.text()).toContain('Differences found')
    expect(line.attributes('href')).toBe('/staff/reports/days/2030-01-06')
  })
})

describe('staff who are not managers', () => {
  // Midday in the store, the same calendar day in the browser (no report has named the store's zone yet).
  const MIDDAY = new Date('2030-01-07T04:00:00.000Z')

  it('see today\'s totals only: no range to choose, no charts', async () => {
    vi.setSystemTime(MIDDAY)
    refuseOtherDays = true
    await open(STAFF)
    await rangeShown(STORE_TODAY, STORE_TODAY)
    expect(wrapper!.find('[data-testid="report-range"]').exists()).toBe(false)
    expect(wrapper!.get('[data-testid="report-today-only"]').text()).toContain('Managers see other days')
    expect(wrapper!.get('[data-testid="report-total-gross"]').text()).toContain('¥100.00')
    expect(wrapper!.find('[data-testid="report-by-hour"]').exists()).toBe(false)
    expect(wrapper!.find('[data-testid="report-dishes"]').exists()).toBe(false)
    expect(salesCalls().every(call => call.from === call.to)).toBe(true)
  })

  it('fall back to today\'s totals when the server refuses another range (403 STAFF_FORBIDDEN)', async () => {
    // The console still thinks this member a manager (the role changed since the login); the server knows better.
    vi.setSystemTime(MIDDAY)
    refuseOtherDays = true
    await open(MANAGER)
    await rangeShown(STORE_TODAY, STORE_TODAY)
    await wrapper!.get('[data-testid="report-range-month"]').trigger('click')
    await vi.waitFor(() => expect(wrapper!.find('[data-testid="report-today-only"]').exists()).toBe(true))
    await rangeShown(STORE_TODAY, STORE_TODAY)
    expect(salesCalls().at(-2)).toEqual({ from: '2030-01-01', to: STORE_TODAY })
    expect(salesCalls().at(-1)).toEqual({ from: STORE_TODAY, to: STORE_TODAY })
    expect(wrapper!.find('[data-testid="report-range"]').exists()).toBe(false)
    expect(wrapper!.find('[data-testid="report-by-hour"]').exists()).toBe(false)
    expect(wrapper!.get('[data-testid="report-total-orders"]').text()).toContain('2')
  })
})
