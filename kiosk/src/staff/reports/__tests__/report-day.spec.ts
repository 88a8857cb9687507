// A day's end: the Z-report's figures, closing the day and reopening it with a reason (managers), the history and
// the "changed since close" banner, and the paper the report prints on.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import type { DayReport } from '@shared/schemas/reports'
import type { StaffMember } from '@shared/schemas/staff'
import { createMockServer, type MockServer } from '@/__tests__/support'
import { MANAGER, STAFF, loggedIn, mountStaff } from '@/staff/components/__tests__/staff-support'
import ReportDayView from '../ReportDayView.vue'
import { pageRule } from '../print-page'
import { MANAGER_NAME, dayReport, reconciliation } from './report-fixtures'

const DATE = '2030-01-06'
const CLOSED_AT = '2030-01-06T15:30:00.000Z'

let server: MockServer
let wrapper: VueWrapper | undefined
let current: DayReport

beforeEach(() => {
  current = dayReport(DATE)
  server = createMockServer()
  server.on('GET /api/staff/reports/days/:date', () => ({ status: 200, body: current }))
  server.on('POST /api/staff/reports/days/:date/close', () => {
    current = { ...current, closed: { at: CLOSED_AT, staffId: MANAGER.id, staffName: MANAGER_NAME }, history: [...current.history, { action: 'close', at: CLOSED_AT, staffId: MANAGER.id, staffName: MANAGER_NAME, reason: null }] }
    return { status: 200, body: current }
  })
  server.on('POST /api/staff/reports/days/:date/reopen', (call) => {
    const { reason } = call.body as { reason: string }
    current = { ...current, closed: null, changedSinceClose: false, history: [...current.history, { action: 'reopen', at: '2030-01-07T01:00:00.000Z', staffId: MANAGER.id, staffName: MANAGER_NAME, reason }] }
    return { status: 200, body: current }
  })
  server.on('GET /api/staff/reports/reconciliation/:date', () => ({ status: 200, body: reconciliation(DATE) }))
  vi.stubGlobal('fetch', server.fetch)
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  vi.unstubAllGlobals()
})

async function open (member: StaffMember, query = ''): Promise<VueWrapper> {
  ;({ wrapper } = await mountStaff(ReportDayView, { pinia: loggedIn(member), path: `/staff/reports/days/${DATE}${query}`, props: { date: DATE } }))
  await vi.waitFor(() => expect(wrapper!.find('[data-testid="day-sheet"]').exists()).toBe(true))
  return wrapper
}

describe('the Z-report', () => {
  it('shows totals, methods, refunds, cancelled orders with reasons, open checks and unpaid orders, in the store\'s time', async () => {
    await open(MANAGER)
    const sheet = wrapper!.get('[data-testid="day-sheet"]')
    expect(sheet.text()).toContain('Golden Lotus')
    expect(wrapper!.get('[data-testid="day-totals"]').text()).toMatch(/Net\s*¥90\.00/)
    expect(wrapper!.get('[data-testid="day-methods"]').text()).toContain('Alipay QR on the tablet')
    // 05:00 UTC is 13:00 in Shanghai.
    expect(wrapper!.get('[data-testid="day-refunds"]').text()).toMatch(/13:00\s*#42\s*¥10\.00\s*Cold soup · Mei/)
    expect(wrapper!.get('[data-testid="day-cancelled"]').text()).toContain('Diner left')
    expect(wrapper!.get('[data-testid="day-open-checks"]').text()).toMatch(/Table 7\s*18:00\s*¥88\.00\s*¥88\.00/)
    expect(wrapper!.get('[data-testid="day-unpaid"]').text()).toContain('#44 · Table 7')
    expect(sheet.get('[data-testid="day-sheet-open"]').text()).toBe('Day not closed: live figures')
    // A staff refund is simply listed: nothing says "automatic".
    expect(wrapper!.find('[data-testid="refund-automatic"]').exists()).toBe(false)
  })

  it('marks a refund Tablepad sent by itself and says why it is outside the refunds total', async () => {
    const automatic = { refundId: 'ref_2', orderNumber: 43, amount: 2_500, reason: 'Paid twice for the same order', at: `${DATE}T06:00:00.000Z`, staffName: null, againstSales: false }
    current = { ...current, figures: { ...current.figures, refunds: [...current.figures.refunds, automatic] } }
    await open(MANAGER)
    const refunds = wrapper!.get('[data-testid="day-refunds"]')
    expect(refunds.findAll('[data-testid="refund-automatic"]')).toHaveLength(1)
    expect(refunds.text()).toMatch(/#43\s*¥25\.00\s*Paid twice for the same order · returned automatically/)
    expect(wrapper!.text()).toContain('they are listed here but not in the refunds total')
  })
})

describe('closing and reopening a day', () => {
  it('a manager closes the day after confirming; the report says who and when', async () => {
    await open(MANAGER)
    await wrapper!.get('[data-testid="day-close"]').trigger('click')
    expect(server.callsTo('POST', `/api/staff/reports/days/${DATE}/close`)).toHaveLength(0)
    await wrapper!.get('[data-testid="day-close-dialog-ok"]').trigger('click')
    await vi.waitFor(() => expect(wrapper!.get('[data-testid="day-close-bar"]').attributes('data-closed')).toBe('true'))
    expect(server.callsTo('POST', `/api/staff/reports/days/${DATE}/close`)[0]?.body).toEqual({})
    // 15:30 UTC is 23:30 in Shanghai.
    expect(wrapper!.get('[data-testid="day-sheet-closed"]').text()).toMatch(/Closed by Mei at .*23:30/)
    expect(wrapper!.get('[data-testid="day-history"]').text()).toContain('Closed by Mei')
    expect(wrapper!.find('[data-testid="day-close"]').exists()).toBe(false)
    expect(wrapper!.find('[data-testid="day-reopen"]').exists()).toBe(true)
  })

  it('reopening needs a reason, which goes to the server and into the history', async () => {
    current = { ...dayReport(DATE), closed: { at: CLOSED_AT, staffId: MANAGER.id, staffName: MANAGER_NAME }, changedSinceClose: true, history: [{ action: 'close', at: CLOSED_AT, staffId: MANAGER.id, staffName: MANAGER_NAME, reason: null }] }
    await open(MANAGER)
    expect(wrapper!.get('[data-testid="day-changed"]').text()).toContain('Something changed after this day was closed')
    await wrapper!.get('[data-testid="day-reopen"]').trigger('click')
    await wrapper!.get('[data-testid="day-reopen-dialog-save"]').trigger('click')
    expect(wrapper!.text()).toContain('Please say why the day is reopened.')
    expect(server.callsTo('POST', `/api/staff/reports/days/${DATE}/reopen`)).toHaveLength(0)
    await wrapper!.get('[data-testid="day-reopen-reason"]').setValue('  Late refund to include  ')
    await wrapper!.get('[data-testid="day-reopen-dialog-save"]').trigger('click')
    await vi.waitFor(() => expect(wrapper!.get('[data-testid="day-close-bar"]').attributes('data-closed')).toBe('false'))
    expect(server.callsTo('POST', `/api/staff/reports/days/${DATE}/reopen`)[0]?.body).toEqual({ reason: 'Late refund to include' })
    expect(wrapper!.find('[data-testid="day-changed"]').exists()).toBe(false)
    const reopened = wrapper!.get('[data-testid="day-history"] [data-action="reopen"]')
    expect(reopened.text()).toContain('Reopened by Mei')
    expect(reopened.text()).toContain('Reason: Late refund to include')
    expect(wrapper!.find('[data-testid="day-reopen-dialog"]').exists()).toBe(false)
  })

  it('a refusal is explained and the dialog stays', async () => {
    server.on('POST /api/staff/reports/days/:date/close', () => ({ status: 409, body: { code: 'DAY_ALREADY_CLOSED', message: 'closed' } }))
    await open(MANAGER)
    await wrapper!.get('[data-testid="day-close"]').trigger('click')
    await wrapper!.get('[data-testid="day-close-dialog-ok"]').trigger('click')
    await vi.waitFor(() => expect(server.callsTo('POST', `/api/staff/reports/days/${DATE}/close`)).toHaveLength(1))
    await vi.waitFor(() => expect(wrapper!.get('[data-testid="day-close-dialog-ok"]').attributes('disabled')).toBeUndefined())
    expect(wrapper!.find('[data-testid="day-close-dialog"]').exists()).toBe(true)
  })

  it('staff read the report but neither close nor reopen', async () => {
    await open(STAFF)
    expect(wrapper!.find('[data-testid="day-close"]').exists()).toBe(false)
    expect(wrapper!.get('[data-testid="day-close-bar"]').text()).toContain('Managers close and reopen days.')
  })
})

describe('paper', () => {
  it('switches between A4 and an 80 mm receipt by ?paper=, with the page size to match', async () => {
    await open(MANAGER, '?paper=80mm')
    expect(wrapper!.get('[data-testid="staff-report-day"]').attributes('data-paper')).toBe('80mm')
    expect(wrapper!.get('[data-testid="staff-report-day"]').classes()).toContain('day-view--80mm')
    const rule = document.head.querySelector<HTMLStyleElement>('style[data-testid="day-page-rule"]')
    expect(rule?.textContent).toMatch(/size: 80mm \d+mm/)
    expect(rule?.media).toBe('print')
    expect(wrapper!.get('[data-testid="day-paper-80mm"]').attributes('aria-current')).toBe('true')
    wrapper!.unmount()
    wrapper = undefined
    // The rule is the day screen's alone: gone when it closes.
    expect(document.head.querySelector('style[data-testid="day-page-rule"]')).toBeNull()
  })

  it('a receipt is one page as tall as the report; A4 is A4', () => {
    expect(pageRule('a4', 5000)).toContain('size: A4')
    const tall = Number(/80mm (\d+)mm/.exec(pageRule('80mm', 2000))![1])
    // 2000 CSS px ≈ 529 mm, plus margins.
    expect(tall).toBeGreaterThan(529)
    expect(tall).toBeLessThan(550)
    expect(pageRule('80mm', 0)).toContain('80mm 100mm')
  })
})
