// A day checked against Alipay's bill, in plain words: each status (and why a run could not compare), the counts,
// each mismatch with both amounts, "Check against Alipay now" for managers, and the alert a mismatch raises.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { AlertKindEnum, type Alert } from '@shared/schemas/alert'
import type { Locale } from '@shared/schemas/common'
import { ReconciliationStatusEnum, type Reconciliation } from '@shared/schemas/reports'
import type { StaffMember } from '@shared/schemas/staff'
import { createMockServer, type MockServer } from '@/__tests__/support'
import StaffAlertCard from '@/staff/components/StaffAlertCard.vue'
import { MANAGER, STAFF, loggedIn, mountStaff } from '@/staff/components/__tests__/staff-support'
import ReportReconciliation from '../components/ReportReconciliation.vue'
import { useDayReportStore } from '../day-store'
import { reconciliation } from './report-fixtures'

const DATE = '2030-01-06'
const HAN = /\p{Script=Han}/u

let server: MockServer
let wrapper: VueWrapper | undefined
let answer: Reconciliation

beforeEach(() => {
  answer = reconciliation(DATE)
  server = createMockServer()
  server.on('GET /api/staff/reports/reconciliation/:date', () => ({ status: 200, body: answer }))
  vi.stubGlobal('fetch', server.fetch)
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  vi.unstubAllGlobals()
})

async function open (member: StaffMember, locale: Locale = 'en'): Promise<VueWrapper> {
  const pinia = loggedIn(member)
  useDayReportStore().date = DATE
  ;({ wrapper } = await mountStaff(ReportReconciliation, { pinia, path: `/staff/reports/days/${DATE}`, props: { date: DATE, currency: 'CNY', timezone: 'Asia/Shanghai' }, locale }))
  await vi.waitFor(() => expect(wrapper!.find('[data-testid="reconciliation-status"]').exists()).toBe(true))
  return wrapper
}

const texts = (selector: string): string => wrapper!.get(selector).text()

describe('the reconciliation status', () => {
  it('is worded for every status in both languages, each differently', async () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const seen = new Set<string>()
      for (const status of Object.values(ReconciliationStatusEnum)) {
        answer = reconciliation(DATE, { status })
        wrapper?.unmount()
        await open(MANAGER, locale)
        const words = texts('[data-testid="reconciliation-status"]')
        expect(words, `${locale} ${status}`).not.toContain('console.')
        if (locale === 'zh-CN') expect(words, status).toMatch(HAN)
        seen.add(words)
      }
      expect(seen.size, locale).toBe(Object.values(ReconciliationStatusEnum).length)
    }
  }, 30_000) // mounts the panel per status and language: slow on a busy machine, not a budget

  it('says why a run could not compare, by its reason code', async () => {
    answer = reconciliation(DATE, { status: 'unavailable', reason: 'unsupported_gateway' })
    await open(MANAGER)
    expect(texts('[data-testid="reconciliation-explain"]')).toContain('Alipay Global')
    wrapper!.unmount()
    answer = reconciliation(DATE, { status: 'no_bill', reason: 'bill_not_exist', checkedAt: '2030-01-07T01:00:00.000Z' })
    await open(MANAGER)
    expect(texts('[data-testid="reconciliation-explain"]')).toContain('next morning')
    expect(texts('[data-testid="reconciliation-status"]')).toMatch(/Checked .*09:00/)
    wrapper!.unmount()
    answer = reconciliation(DATE, { status: 'failed', reason: 'something_new' })
    await open(MANAGER)
    expect(texts('[data-testid="reconciliation-explain"]')).toBe('The check stopped (something_new). It is tried again later.')
  })

  it('lists the counts and each mismatch with both amounts', async () => {
    answer = reconciliation(DATE, {
      status: 'mismatched',
      checkedAt: '2030-01-07T01:00:00.000Z',
      counts: { matched: 40, onlyAtAlipay: 1, onlyHere: 1, amountDiffers: 1, refundDiffers: 1 },
      mismatches: [
        { kind: 'only_at_alipay', outTradeNo: 'pay_a', outRequestNo: null, tradeNo: '2030', paymentId: null, here: null, alipay: 1_200 },
        { kind: 'only_here', outTradeNo: 'pay_b', outRequestNo: 'ref_b', tradeNo: null, paymentId: 'pay_b', here: 500, alipay: null },
        { kind: 'amount_differs', outTradeNo: 'pay_c', outRequestNo: null, tradeNo: '2031', paymentId: 'pay_c', here: 3_800, alipay: 3_000 },
        { kind: 'refund_differs', outTradeNo: 'pay_d', outRequestNo: 'ref_d', tradeNo: '2032', paymentId: 'pay_d', here: 1_000, alipay: 0 },
      ],
    })
    await open(MANAGER)
    expect(wrapper!.get('[data-testid="reconciliation"]').attributes('data-status')).toBe('mismatched')
    expect(texts('[data-testid="reconciliation-status"]')).toContain('Differences found')
    expect(texts('[data-testid="reconciliation-count-matched"]')).toMatch(/Matched\s*40/)
    expect(texts('[data-testid="reconciliation-count-amountDiffers"]')).toMatch(/Amount differs\s*1/)
    const items = wrapper!.findAll('[data-testid="reconciliation-mismatch"]')
    expect(items.map(item => item.attributes('data-kind'))).toEqual(['only_at_alipay', 'only_here', 'amount_differs', 'refund_differs'])
    expect(items[0]!.text()).toContain('Alipay\'s bill lists a payment of ¥12.00 that Tablepad has no record of.')
    expect(items[1]!.text()).toContain('Tablepad recorded a refund of ¥5.00 that Alipay\'s bill does not list.')
    expect(items[1]!.text()).toContain('ref_b')
    expect(items[2]!.text()).toContain('Tablepad recorded ¥38.00; Alipay\'s bill says ¥30.00.')
    expect(items[3]!.text()).toContain('Tablepad refunded ¥10.00; Alipay\'s bill says ¥0.00 was refunded.')
    expect(items[2]!.get('a').attributes('href')).toBe('/staff/payments/pay_c')
    expect(items[0]!.find('a').exists()).toBe(false)
  })
})

describe('checking now', () => {
  it('a manager runs it and sees the new status', async () => {
    server.on('POST /api/staff/reports/reconciliation/:date', () => ({
      status: 200,
      body: reconciliation(DATE, { status: 'matched', checkedAt: '2030-01-07T02:00:00.000Z', counts: { matched: 12, onlyAtAlipay: 0, onlyHere: 0, amountDiffers: 0, refundDiffers: 0 } }),
    }))
    await open(MANAGER)
    expect(texts('[data-testid="reconciliation-status"]')).toContain('Not checked yet')
    await wrapper!.get('[data-testid="reconciliation-run"]').trigger('click')
    await vi.waitFor(() => expect(wrapper!.get('[data-testid="reconciliation"]').attributes('data-status')).toBe('matched'))
    expect(server.callsTo('POST', `/api/staff/reports/reconciliation/${DATE}`)).toHaveLength(1)
    expect(texts('[data-testid="reconciliation-status"]')).toContain('Matches Alipay')
    expect(texts('[data-testid="reconciliation-count-matched"]')).toMatch(/12/)
  })

  it('is refused for a day whose bill Alipay has not published, and the status stays', async () => {
    server.on('POST /api/staff/reports/reconciliation/:date', () => ({ status: 409, body: { code: 'BILL_NOT_READY', message: 'tomorrow' } }))
    await open(MANAGER)
    await wrapper!.get('[data-testid="reconciliation-run"]').trigger('click')
    await vi.waitFor(() => expect(wrapper!.get('[data-testid="reconciliation-run"]').attributes('disabled')).toBeUndefined())
    expect(wrapper!.get('[data-testid="reconciliation"]').attributes('data-status')).toBe('not_run')
  })

  it('is not offered to staff', async () => {
    await open(STAFF)
    expect(wrapper!.find('[data-testid="reconciliation-run"]').exists()).toBe(false)
  })
})

describe('the reconciliation.mismatch alert', () => {
  function alert (detail: Record<string, unknown>): Alert {
    return {
      id: 'alr_1', kind: AlertKindEnum.RECONCILIATION_MISMATCH, severity: 'critical', paymentId: 'pay_c', orderId: null, detail,
      createdAt: '2030-01-07T01:00:00.000Z', acknowledgedAt: null,
    } as Alert
  }

  async function explainOf (detail: Record<string, unknown>, locale: Locale): Promise<{ title: string, explain: string, todo: string }> {
    wrapper?.unmount()
    ;({ wrapper } = await mountStaff(StaffAlertCard, { pinia: loggedIn(STAFF), props: { alert: alert(detail) }, path: '/staff/alerts', locale }))
    return { title: wrapper.get('h2').text(), explain: texts('[data-testid="staff-alert-explain"]'), todo: texts('[data-testid="staff-alert-todo"]') }
  }

  it('says which payment differs and by how much, in both languages', async () => {
    const detail = { date: DATE, kind: 'amount_differs', outTradeNo: 'pay_c', outRequestNo: null, here: 3_800, alipay: 3_000 }
    const english = await explainOf(detail, 'en')
    expect(english.title).toBe('Alipay\'s bill differs')
    expect(english.explain).toBe('Payment pay_c on 2030-01-06: Tablepad recorded ¥38.00, Alipay\'s bill says ¥30.00.')
    expect(english.todo).toContain('Reports')
    const chinese = await explainOf(detail, 'zh-CN')
    expect(chinese.explain).toContain('¥38.00')
    expect(chinese.explain).toMatch(HAN)
    expect((await explainOf({ date: DATE, kind: 'only_at_alipay', outTradeNo: 'pay_a', here: null, alipay: 1_200 }, 'en')).explain)
      .toBe('Alipay\'s bill of 2030-01-06 lists ¥12.00 for payment pay_a, which Tablepad has no record of.')
    // A detail it cannot read still gets a general sentence.
    expect((await explainOf({}, 'en')).explain).toBe('A payment or refund differs from Alipay\'s bill for the day.')
  })
})
