// Diner/cashier sentences for Alipay sub_codes: both languages, spelling variants, a fallback.
import { describe, expect, it } from 'vitest'
import { describeAlipayCode } from '../../src/alipay/messages.js'

const REQUIRED = [
  'ACQ.TRADE_HAS_SUCCESS', 'ACQ.TRADE_HAS_CLOSE', 'ACQ.TOTAL_FEE_EXCEED', 'ACQ.SELLER_BALANCE_NOT_ENOUGH',
  'ACQ.REASON_TRADE_BEEN_FREEZEN', 'ACQ.TRADE_NOT_ALLOW_REFUND', 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL',
  'ACQ.REASON_TRADE_REFUND_FEE_ERR', 'ACQ.TRADE_CANCEL_TIME_OUT', 'ACQ.ACCESS_FORBIDDEN', 'ACQ.EXIST_FORBIDDEN_WORD',
  'ACQ.BUYER_ENABLE_STATUS_FORBID', 'ACQ.SELLER_BEEN_BLOCKED', 'ACQ.TRADE_STATUS_ERROR', 'ACQ.TRADE_HAS_FINISHED',
  'ACQ.SYSTEM_ERROR', 'isv.invalid-signature', 'isv.invalid-app-id',
]

describe('describeAlipayCode', () => {
  it('has a specific English and Chinese sentence and staff hint for every code a diner or cashier can meet', () => {
    const fallback = describeAlipayCode(undefined, 'en')
    for (const code of REQUIRED) {
      const en = describeAlipayCode(code, 'en')
      const zh = describeAlipayCode(code, 'zh-CN')
      expect(en.subCode).toBe(code)
      expect(en.message).not.toBe(fallback.message)
      expect(en.message).toMatch(/^[A-Z].*\.$/)
      expect(zh.message).toMatch(/[\u4e00-\u9fff]/)
      expect(zh.staffAction).toMatch(/[\u4e00-\u9fff]/)
      // Raw codes stay in logs, not in what people read.
      expect(`${en.message} ${zh.message}`).not.toContain(code)
    }
  })

  it('treats AQC. as ACQ. and accepts a code without its prefix', () => {
    expect(describeAlipayCode('AQC.SYSTEM_ERROR', 'zh-CN')).toEqual(describeAlipayCode('ACQ.SYSTEM_ERROR', 'zh-CN'))
    expect(describeAlipayCode('TRADE_HAS_SUCCESS', 'en').subCode).toBe('ACQ.TRADE_HAS_SUCCESS')
  })

  it('falls back to a generic sentence for unknown or missing codes', () => {
    for (const code of ['ACQ.SOMETHING_NEW', 'isv.whatever', '', null, undefined]) {
      const description = describeAlipayCode(code, 'en')
      expect(description.subCode).toBeNull()
      expect(description.message).toBe('The payment could not be completed. Please ask a member of staff.')
    }
    expect(describeAlipayCode('ACQ.SOMETHING_NEW', 'zh-CN').message).toBe('支付未能完成，请联系店员。')
  })
})
