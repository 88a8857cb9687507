// The console words why a payment or refund failed from its code alone (ours or Alipay's sub_code), in English and
// Chinese; the server sends the code, never text. A code it has no words for is shown raw.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import type { Locale } from '@shared/schemas/common'
import type { StaffPaymentDetail } from '@shared/schemas/payment'
import { createMockServer, type MockServer } from '@/__tests__/support'
import StaffRefundPanel from '@/staff/components/StaffRefundPanel.vue'
import StaffPaymentView from '@/staff/views/StaffPaymentView.vue'
import { failureWords, type FailureWords } from '../staff-failure-words'
import { MANAGER, STAFF, loggedIn, mountStaff, payment, staffI18n } from './staff-support'

const HAN = /\p{Script=Han}/u

const composers = new Map<Locale, ReturnType<typeof staffI18n>['global']>()

function wordsIn (locale: Locale, code: string): FailureWords {
  const composer = composers.get(locale) ?? staffI18n(locale).global
  composers.set(locale, composer)
  return failureWords(code, { t: composer.t, te: (key, at) => composer.te(key, at as Locale | undefined) })
}

/** Every code the console has words for: our own failure codes, and the Alipay sub_codes staff can meet. */
const WORDED = [
  'EXPIRED', 'TRADE_CLOSED', 'AMOUNT_MISMATCH',
  'ACQ.TRADE_HAS_SUCCESS', 'ACQ.TRADE_HAS_CLOSE', 'ACQ.TOTAL_FEE_EXCEED', 'ACQ.SELLER_BALANCE_NOT_ENOUGH',
  'ACQ.REASON_TRADE_BEEN_FREEZEN', 'ACQ.TRADE_NOT_ALLOW_REFUND', 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL',
  'ACQ.REASON_TRADE_REFUND_FEE_ERR', 'ACQ.TRADE_CANCEL_TIME_OUT', 'ACQ.ACCESS_FORBIDDEN', 'ACQ.EXIST_FORBIDDEN_WORD',
  'ACQ.BUYER_ENABLE_STATUS_FORBID', 'ACQ.SELLER_BEEN_BLOCKED', 'ACQ.TRADE_STATUS_ERROR', 'ACQ.TRADE_HAS_FINISHED',
  'ACQ.SYSTEM_ERROR', 'ACQ.TRADE_NOT_EXIST', 'ACQ.CONTEXT_INCONSISTENT', 'ACQ.TRADE_BUYER_NOT_MATCH',
  'ACQ.BUYER_SELLER_EQUAL', 'ACQ.NOT_ALLOW_PARTIAL_REFUND', 'ACQ.DISCORDANT_REPEAT_REQUEST', 'ACQ.INVALID_PARAMETER',
  'ACQ.PARTNER_ERROR', 'isv.invalid-signature', 'isv.invalid-app-id', 'isv.invalid-timestamp',
  'isv.insufficient-isv-permissions', 'isv.code-invalid', 'isp.unknow-error',
]

/** Words that say what each of these codes is about, in each language. */
const SPECIFIC: Record<string, Record<Locale, { explain: string, todo: string }>> = {
  'ACQ.SELLER_BALANCE_NOT_ENOUGH': {
    en: { explain: 'the restaurant\'s Alipay balance is too low', todo: 'Top up the merchant Alipay account, then retry the refund.' },
    'zh-CN': { explain: '商户支付宝账户余额不足', todo: '请为商户支付宝账户充值后重试退款。' },
  },
  'ACQ.EXIST_FORBIDDEN_WORD': {
    en: { explain: 'Alipay refused the order description.', todo: 'Change the payment subject' },
    'zh-CN': { explain: '订单描述含有支付宝禁止的词语。', todo: '请修改支付标题' },
  },
  EXPIRED: {
    en: { explain: 'The QR code expired before the diner paid. Nothing was charged.', todo: 'Start a new payment' },
    'zh-CN': { explain: '付款码在顾客付款前已过期，未扣款。', todo: '重新发起支付' },
  },
  'ACQ.TRADE_NOT_ALLOW_REFUND': {
    en: { explain: 'can no longer be refunded through Alipay', todo: 'Refund the guest another way (e.g. cash)' },
    'zh-CN': { explain: '不支持通过支付宝退款', todo: '如现金' },
  },
  'isv.invalid-signature': {
    en: { explain: 'setup problem', todo: 'ALIPAY_SIGN_TYPE' },
    'zh-CN': { explain: '配置问题', todo: 'ALIPAY_SIGN_TYPE' },
  },
  'ACQ.SYSTEM_ERROR': {
    en: { explain: 'Alipay is busy.', todo: 'Do not take a second payment.' },
    'zh-CN': { explain: '支付宝系统繁忙', todo: '请勿重复收款' },
  },
}

describe('failureWords', () => {
  it('words every code it knows in both languages, with what to do, never by the raw code', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const fallback = wordsIn(locale, 'ACQ.BRAND_NEW')
      const todos = new Set<string>()
      for (const code of WORDED) {
        const words = wordsIn(locale, code)
        expect(words.known, `${locale} ${code}`).toBe(true)
        expect(words.explain, `${locale} ${code}`).not.toBe(fallback.explain)
        for (const text of [words.explain, words.todo]) {
          expect(text, `${locale} ${code}`).not.toContain('console.failure')
          expect(text, `${locale} ${code}`).not.toContain(code)
          if (locale === 'zh-CN') expect(text, code).toMatch(HAN)
          else expect(text, code).toMatch(/^[A-Z].*\.$/)
        }
        todos.add(words.todo)
      }
      // Advice is specific to the code: a handful are shared (start a new payment, wait for the check), most are not.
      expect(todos.size, locale).toBeGreaterThan(WORDED.length - 6)
    }
  })

  it('says what each code is about, in English and in Chinese', () => {
    for (const [code, byLocale] of Object.entries(SPECIFIC)) {
      for (const locale of ['en', 'zh-CN'] as const) {
        const words = wordsIn(locale, code)
        expect(words.explain, `${locale} ${code}`).toContain(byLocale[locale].explain)
        expect(words.todo, `${locale} ${code}`).toContain(byLocale[locale].todo)
      }
    }
  })

  it('reads the spellings Alipay uses interchangeably as one code', () => {
    expect(wordsIn('zh-CN', 'AQC.SYSTEM_ERROR')).toEqual({ ...wordsIn('zh-CN', 'ACQ.SYSTEM_ERROR'), code: 'AQC.SYSTEM_ERROR' })
    expect(wordsIn('en', 'TRADE_HAS_SUCCESS').explain).toBe('This order has already been paid.')
    expect(wordsIn('en', 'aop.unknow-error').explain).toBe(wordsIn('en', 'isp.unknow-error').explain)
  })

  it('words a code it does not know in general terms that name the raw code, in both languages', () => {
    for (const code of ['ACQ.BRAND_NEW', 'isv.whatever', '40004', 'other']) {
      const en = wordsIn('en', code)
      const zh = wordsIn('zh-CN', code)
      expect(en.known).toBe(false)
      expect(en.explain).toBe(`Alipay refused this with a code we have no explanation for: ${code}.`)
      expect(en.todo).toContain('server log')
      expect(zh.explain).toBe(`支付宝以一个暂无说明的错误码拒绝了此操作：${code}。`)
      expect(zh.todo).toMatch(HAN)
    }
  })
})

describe('failure wording on the payment page and the refund panel', () => {
  let server: MockServer
  let wrapper: VueWrapper

  beforeEach(() => {
    server = createMockServer()
    server.on('GET /api/staff/orders', () => ({ status: 200, body: [] }))
    vi.stubGlobal('fetch', server.fetch)
  })

  afterEach(() => {
    wrapper.unmount()
    vi.unstubAllGlobals()
  })

  function detail (overrides: Partial<StaffPaymentDetail> = {}): StaffPaymentDetail {
    return { payment: payment(), refunds: [], events: [], ...overrides }
  }

  async function openPayment (body: StaffPaymentDetail, locale: Locale): Promise<void> {
    server.on('GET /api/staff/payments/:id', () => ({ status: 200, body }))
    ;({ wrapper } = await mountStaff(StaffPaymentView, { pinia: loggedIn(STAFF), props: { id: 'pay_1' }, path: '/staff/payments/pay_1', locale }))
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-payment-detail"]').exists()).toBe(true))
  }

  it('words a failed payment and a failed refund from their codes, in the console\'s language', async () => {
    const refunds: StaffPaymentDetail['refunds'] = [
      { id: 'rfd_ok', paymentId: 'pay_1', outRequestNo: 'rq_ok', amount: 100, reason: 'Cold soup', status: 'succeeded', createdAt: '2030-01-01T12:10:00.000Z', failureCode: null },
      { id: 'rfd_bad', paymentId: 'pay_1', outRequestNo: 'rq_bad', amount: 200, reason: 'Wrong dish', status: 'failed', createdAt: '2030-01-01T12:20:00.000Z', failureCode: 'ACQ.SELLER_BALANCE_NOT_ENOUGH' },
    ]
    await openPayment(detail({ payment: payment({ status: 'failed', failureCode: 'ACQ.EXIST_FORBIDDEN_WORD' }), refunds }), 'zh-CN')
    const failure = wrapper.get('[data-testid="staff-payment-failure"]').text()
    expect(failure).toContain('订单描述含有支付宝禁止的词语。')
    expect(failure).toContain('请修改支付标题（店名或菜名）后重试。')
    expect(failure).toContain('(ACQ.EXIST_FORBIDDEN_WORD)')
    const rows = wrapper.findAll('[data-testid="staff-refund-row"]')
    expect(rows[0]!.find('[data-testid="staff-refund-failure"]').exists()).toBe(false)
    expect(rows[1]!.get('[data-testid="staff-refund-failure"]').text()).toContain('请为商户支付宝账户充值后重试退款。')
  })

  it('names a code it has no words for once, and says nothing of failure for a payment that did not fail', async () => {
    await openPayment(detail({ payment: payment({ status: 'failed', failureCode: 'ACQ.BRAND_NEW' }) }), 'en')
    const failure = wrapper.get('[data-testid="staff-payment-failure"]').text()
    expect(failure).toContain('no explanation for: ACQ.BRAND_NEW.')
    expect(failure.split('ACQ.BRAND_NEW')).toHaveLength(2)
    wrapper.unmount()
    await openPayment(detail(), 'en')
    expect(wrapper.find('[data-testid="staff-payment-failure"]').exists()).toBe(false)
  })

  it('words a refund that Alipay refused, in the panel that made it', async () => {
    server.on('POST /api/staff/payments/:id/refunds', call => ({
      status: 201,
      body: { id: 'rfd_1', paymentId: 'pay_1', outRequestNo: 'r1', status: 'failed', createdAt: '2030-01-01T12:30:00.000Z', ...(call.body as object) },
    }))
    server.on('GET /api/staff/payments/:id', () => ({
      status: 200,
      body: detail({
        refunds: [{ id: 'rfd_1', paymentId: 'pay_1', outRequestNo: 'r1', amount: 9400, reason: 'Cold soup', status: 'failed', createdAt: '2030-01-01T12:30:00.000Z', failureCode: 'ACQ.SELLER_BALANCE_NOT_ENOUGH' }],
      }),
    }))
    ;({ wrapper } = await mountStaff(StaffRefundPanel, { pinia: loggedIn(MANAGER), props: { payment: payment() }, locale: 'en' }))
    await wrapper.get('[data-testid="staff-refund-reason"]').setValue('Cold soup')
    await wrapper.get('[data-testid="staff-refund-submit"]').trigger('click')
    await wrapper.get('[data-testid="staff-refund-confirm-ok"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="staff-refund-outcome-todo"]').exists()).toBe(true))
    const outcome = wrapper.get('[data-testid="staff-refund-outcome"]')
    expect(outcome.attributes('data-status')).toBe('failed')
    expect(outcome.get('[data-testid="staff-refund-outcome-text"]').text()).toBe('The refund cannot be made right now: the restaurant\'s Alipay balance is too low.')
    expect(outcome.get('[data-testid="staff-refund-outcome-todo"]').text()).toBe('Top up the merchant Alipay account, then retry the refund.')
  })
})
