// Plain words for staff (en, zh-CN): why a payment or refund failed and what to do; raw codes stay in details.
// Alerts are not worded here: the staff console words them from their kind and detail.
import { describeAlipayCode } from '../alipay/messages.js'
import { PaymentFailureCodeEnum } from '#shared/error-codes.js'
import type { LocalizedText } from '#shared/schemas/common.js'
import type { FailureMessage } from '#shared/schemas/payment.js'

interface StaffExplanation {
  message: LocalizedText
  staffAction: LocalizedText
}

function text (en: string, zh: string): LocalizedText {
  return { en, 'zh-CN': zh }
}

const NEW_PAYMENT = text('Start a new payment if the diner still wants to pay.', '如顾客仍需付款，请重新发起支付。')

/** Failure codes of our own (not Alipay's) that payments carry. */
const OWN_FAILURES: Readonly<Record<string, StaffExplanation>> = {
  [PaymentFailureCodeEnum.EXPIRED]: { message: text('The QR code expired before the diner paid. Nothing was charged.', '付款码在顾客付款前已过期，未扣款。'), staffAction: NEW_PAYMENT },
  [PaymentFailureCodeEnum.TRADE_CLOSED]: { message: text('Alipay closed this payment before it was completed. Nothing was charged.', '支付宝在付款完成前关闭了该交易，未扣款。'), staffAction: NEW_PAYMENT },
}

const UNEXPLAINED = text('Alipay refused this with a code we have no explanation for.', '支付宝以一个暂无说明的错误码拒绝了此操作。')

/** The Alipay sentence and advice for a sub_code in both languages, or null when it is not one we know. */
function alipayExplanation (code: string): StaffExplanation | null {
  const en = describeAlipayCode(code, 'en')
  const zh = describeAlipayCode(code, 'zh-CN')
  if (en.subCode === null) return null
  return { message: text(en.message, zh.message), staffAction: text(en.staffAction, zh.staffAction) }
}

/** Why a payment or refund failed, from its failure code (ours or an Alipay sub_code). */
export function explainFailure (code: string): FailureMessage {
  const known = OWN_FAILURES[code] ?? alipayExplanation(code)
  if (known) return { code, ...known }
  const en = describeAlipayCode(code, 'en')
  const zh = describeAlipayCode(code, 'zh-CN')
  return { code, message: UNEXPLAINED, staffAction: text(en.staffAction, zh.staffAction) }
}
