// The console words every alert from its kind and raw detail, in English and Chinese: the server sends facts, never text.
import { afterEach, describe, expect, it } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { formatMoney } from '@shared/money'
import { ALERT_SOURCE_MANY, AlertKindEnum, type Alert } from '@shared/schemas/alert'
import type { Menu } from '@shared/schemas/menu'
import type { Locale } from '@shared/schemas/common'
import StaffAlertCard from '@/staff/components/StaffAlertCard.vue'
import { useStaffMenuStore } from '@/staff/stores/staff-menu'
import { STAFF, loggedIn, mountStaff } from './staff-support'

let wrapper: VueWrapper | undefined

afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

function alert (kind: string, detail: Record<string, unknown> = {}): Alert {
  return {
    id: 'alr_1', kind, severity: 'critical', paymentId: 'pay_1', orderId: 'ord_1', detail,
    createdAt: '2030-01-01T12:00:00.000Z', acknowledgedAt: null,
  } as Alert
}

interface Words { title: string, explain: string, todo: string }

/** Title, what happened and what to do as the card shows them; the store's menu may set the currency. */
async function wordsOf (subject: Alert, locale: Locale, currency?: string): Promise<Words> {
  wrapper?.unmount()
  const pinia = loggedIn(STAFF)
  if (currency) useStaffMenuStore(pinia).menu = { currency, categories: [], items: [] } as unknown as Menu
  ;({ wrapper } = await mountStaff(StaffAlertCard, { pinia, props: { alert: subject }, path: '/staff/alerts', locale }))
  return {
    title: wrapper.get('h2').text(),
    explain: wrapper.get('[data-testid="staff-alert-explain"]').text(),
    todo: wrapper.get('[data-testid="staff-alert-todo"]').text(),
  }
}

const HAN = /\p{Script=Han}/u

describe('StaffAlertCard wording', () => {
  it('words every kind in both languages, each in words of its own', async () => {
    const kinds = Object.values(AlertKindEnum)
    for (const locale of ['en', 'zh-CN'] as const) {
      const explained = new Set<string>()
      for (const kind of kinds) {
        const words = await wordsOf(alert(kind, { step: 'query', reason: 'timeout' }), locale)
        for (const text of Object.values(words)) {
          expect(text.length, `${locale} ${kind}`).toBeGreaterThan(5)
          expect(text, `${locale} ${kind}`).not.toContain('console.')
          if (locale === 'zh-CN') expect(text, kind).toMatch(HAN)
        }
        explained.add(words.explain)
      }
      expect(explained.size, locale).toBe(kinds.length)
    }
    const unknown = await wordsOf(alert(AlertKindEnum.PAYMENT_UNKNOWN), 'en')
    expect(unknown.explain).toContain('Alipay has not confirmed this payment')
    expect(unknown.todo).toContain('Check the diner\'s Alipay app before serving')
    expect(unknown.explain).toContain('24 hours')
    expect((await wordsOf(alert(AlertKindEnum.PAID_AFTER_CANCEL), 'zh-CN')).explain).toContain('自动退款')
    expect((await wordsOf(alert(AlertKindEnum.DOUBLE_PAYMENT), 'en')).explain).toContain('paid twice')
    expect((await wordsOf(alert(AlertKindEnum.PAYMENT_UNRESOLVED), 'zh-CN')).todo).toContain('支付宝商家平台')
  }, 30_000) // mounts a card per kind and language: slow on a busy machine, not a budget

  it('says the money went back, and the order stayed unpaid, when Alipay\'s cancel undid a late payment', async () => {
    const late = await wordsOf(alert(AlertKindEnum.PAYMENT_LATE_SUCCESS, { previousStatus: 'cancelled', amount: 4280 }), 'en')
    expect(late.explain).toContain('the order is now marked paid')
    const undone = await wordsOf(alert(AlertKindEnum.PAYMENT_LATE_SUCCESS, { refundedByCancel: true }), 'en')
    expect(undone.title).not.toBe(late.title)
    expect(undone.explain).toContain('returned the money to the diner')
    expect(undone.explain).toContain('The order was not marked paid.')
    expect(undone.todo).toContain('start a new payment')
    const zh = await wordsOf(alert(AlertKindEnum.PAYMENT_LATE_SUCCESS, { refundedByCancel: true }), 'zh-CN')
    expect(zh.explain).toContain('已将款项退回顾客')
    expect(zh.explain).toContain('订单未标记为已付款')
  })

  it('says a refund Alipay has not confirmed for a day is still being retried, not refused', async () => {
    const detail = { refundId: 'rfd_1', amount: 1200, unconfirmed: true, since: '2026-12-05T02:00:00.000Z', reason: 'timeout' }
    const failed = await wordsOf(alert(AlertKindEnum.REFUND_FAILED, { refundId: 'rfd_1', code: '40004' }), 'en')
    const unconfirmed = await wordsOf(alert(AlertKindEnum.REFUND_FAILED, detail), 'en')
    expect(unconfirmed.title).not.toBe(failed.title)
    expect(unconfirmed.explain).toContain('still being retried')
    expect(unconfirmed.todo).toContain('not refunded twice')
    expect((await wordsOf(alert(AlertKindEnum.REFUND_FAILED, detail), 'zh-CN')).explain).toContain('仍在重试')
  })

  it('gives a failed refund Alipay\'s reason code when it has one', async () => {
    const detail = { refundId: 'rfd_1', amount: 1200, code: '40004', subCode: 'ACQ.SELLER_BALANCE_NOT_ENOUGH', subMsg: 'balance not enough' }
    expect((await wordsOf(alert(AlertKindEnum.REFUND_FAILED, detail), 'en')).explain)
      .toBe('A refund could not be made; the diner has not got this money back. Alipay said: ACQ.SELLER_BALANCE_NOT_ENOUGH.')
    expect((await wordsOf(alert(AlertKindEnum.REFUND_FAILED, detail), 'zh-CN')).explain).toContain('支付宝返回：ACQ.SELLER_BALANCE_NOT_ENOUGH')
    const bare = await wordsOf(alert(AlertKindEnum.REFUND_FAILED, { refundId: 'rfd_1', code: '40004' }), 'en')
    expect(bare.explain).toBe('A refund could not be made; the diner has not got this money back.')
    expect(bare.todo).toContain('refund the diner another way')
  })

  it('counts forged notifications and names their sender, or "many addresses"', async () => {
    const one = await wordsOf(alert(AlertKindEnum.NOTIFICATION_BAD_SIGNATURE, { source: '10.0.0.1', count: 1 }), 'en')
    expect(one.explain).toBe('1 payment notification from 10.0.0.1 arrived with a signature that does not check out; it was ignored.')
    expect((await wordsOf(alert(AlertKindEnum.NOTIFICATION_BAD_SIGNATURE, { source: '10.0.0.1', count: 50 }), 'en')).explain)
      .toContain('50 payment notifications from 10.0.0.1 arrived')
    expect((await wordsOf(alert(AlertKindEnum.NOTIFICATION_BAD_SIGNATURE, { source: '10.0.0.1', count: 50 }), 'zh-CN')).explain)
      .toBe('收到来自 10.0.0.1 的 50 条签名无效的支付通知，均已忽略。')
    expect((await wordsOf(alert(AlertKindEnum.NOTIFICATION_BAD_SIGNATURE, { source: ALERT_SOURCE_MANY, count: 7 }), 'en')).explain)
      .toContain('7 payment notifications from many addresses')
    expect((await wordsOf(alert(AlertKindEnum.NOTIFICATION_BAD_SIGNATURE, { source: ALERT_SOURCE_MANY, count: 7 }), 'zh-CN')).explain)
      .toContain('来自多个地址的 7 条')
    expect((await wordsOf(alert(AlertKindEnum.NOTIFICATION_BAD_SIGNATURE, { source: '10.0.0.1', count: 7 }), 'en')).todo).toContain('ALIPAY_PUBLIC_KEY')
  })

  it('shows both amounts of a mismatch as money in the store\'s currency, when the detail has them', async () => {
    const detail = { expected: 4280, reported: 100, source: 'query' }
    expect((await wordsOf(alert(AlertKindEnum.AMOUNT_MISMATCH, detail), 'en')).explain)
      .toBe(`Alipay reported ${formatMoney(100, 'CNY', 'en')} for this payment, but the order total is ${formatMoney(4280, 'CNY', 'en')}.`)
    const zh = await wordsOf(alert(AlertKindEnum.AMOUNT_MISMATCH, detail), 'zh-CN')
    expect(zh.explain).toContain(formatMoney(100, 'CNY', 'zh-CN'))
    expect(zh.explain).toContain(formatMoney(4280, 'CNY', 'zh-CN'))
    expect((await wordsOf(alert(AlertKindEnum.AMOUNT_MISMATCH, detail), 'en', 'USD')).explain).toContain(formatMoney(4280, 'USD', 'en'))
    // A notification's mismatch carries Alipay's own words, not our two amounts.
    expect((await wordsOf(alert(AlertKindEnum.AMOUNT_MISMATCH, { detail: 'total_amount differs', notifyId: 'n_1' }), 'en')).explain)
      .toBe('Alipay reported a different amount for this payment than the order total.')
  })
})
