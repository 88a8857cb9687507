// Plain words for staff (en, zh-CN): what an alert or a failed payment or refund means and what to do; raw codes stay in details.
import { describeAlipayCode } from '../alipay/messages.js'
import { PaymentFailureCodeEnum } from '#shared/error-codes.js'
import type { LocalizedText } from '#shared/schemas/common.js'
import { ALERT_SOURCE_MANY, AlertKindEnum, type AlertKind } from '#shared/schemas/alert.js'
import type { FailureMessage } from '#shared/schemas/payment.js'

export interface StaffExplanation {
  message: LocalizedText
  staffAction: LocalizedText
}

function text (en: string, zh: string): LocalizedText {
  return { en, 'zh-CN': zh }
}

const NEW_PAYMENT = text('Start a new payment if the diner still wants to pay.', '如顾客仍需付款，请重新发起支付。')

const ALERTS: Readonly<Record<AlertKind, StaffExplanation>> = {
  [AlertKindEnum.PAYMENT_UNKNOWN]: {
    message: text('Alipay has not confirmed this payment, and the QR code\'s time is up.', '支付宝尚未确认这笔付款，付款码已过期。'),
    staffAction: text(
      'Check the diner\'s Alipay app before serving; the system keeps asking Alipay for 24 hours and marks the order paid if it was. Do not take a second payment meanwhile.',
      '上菜前请查看顾客支付宝中的付款记录；系统会持续向支付宝确认 24 小时，如已付款会自动将订单标记为已付款。在此期间请勿重复收款。'),
  },
  [AlertKindEnum.PAYMENT_UNRESOLVED]: {
    message: text('Alipay still has not confirmed this payment after 24 hours; the system has stopped asking.', '24 小时后支付宝仍未确认这笔付款，系统已停止查询。'),
    staffAction: text(
      'Look the trade up in the Alipay merchant portal by its payment number, then settle the order by hand (mark it paid, or refund the diner).',
      '请在支付宝商家平台按支付单号查询该交易，然后手动处理订单（标记为已付款，或为顾客退款）。'),
  },
  [AlertKindEnum.PAYMENT_LATE_SUCCESS]: {
    message: text('The diner paid after the QR code had been given up; the order is now marked paid.', '顾客在付款码作废后才完成付款，订单现已标记为已付款。'),
    staffAction: text(
      'Check the order: if the diner also paid another way (at the counter, say), refund one of the two payments.',
      '请核对订单：如顾客还通过其他方式（如前台）付了款，请退还其中一笔。'),
  },
  [AlertKindEnum.PAID_AFTER_CANCEL]: {
    message: text('A payment arrived for an order that had already been cancelled; it is being refunded automatically.', '已取消的订单收到了付款，系统正在自动退款。'),
    staffAction: text('Open the payment to check that the refund went through, and tell the diner the money is on its way back.', '请打开该笔付款确认退款成功，并告知顾客款项正在退回。'),
  },
  [AlertKindEnum.DOUBLE_PAYMENT]: {
    message: text('This order was paid twice; the second payment is being refunded automatically.', '该订单被重复支付，第二笔款项正在自动退款。'),
    staffAction: text('Open the payment to check that the refund went through; explain it to the diner if they ask.', '请打开该笔付款确认退款成功；如顾客询问，请向其说明。'),
  },
  [AlertKindEnum.AMOUNT_MISMATCH]: {
    message: text('Alipay reported a different amount for this payment than the order total.', '支付宝返回的金额与订单金额不一致。'),
    staffAction: text(
      'Do not treat the order as paid until a manager has checked the trade in the Alipay merchant portal.',
      '在经理于支付宝商家平台核实该交易之前，请勿将订单视为已付款。'),
  },
  [AlertKindEnum.REFUND_FAILED]: {
    message: text('A refund could not be made.', '退款未能完成。'),
    staffAction: text(
      'Open the payment to see why, fix the cause and refund again, or refund the diner another way (cash, say).',
      '请打开该笔付款查看原因，处理后重新退款，或通过其他方式（如现金）退款。'),
  },
  [AlertKindEnum.NOTIFICATION_BAD_SIGNATURE]: {
    message: text('A payment notification arrived with a signature that does not check out; it was ignored.', '收到一条签名无效的支付通知，已忽略。'),
    staffAction: text(
      'Nothing is lost: payments are also confirmed by asking Alipay directly. If this keeps happening, check ALIPAY_PUBLIC_KEY; someone may be sending forged notifications.',
      '无需担心：系统也会直接向支付宝查询付款结果。如反复出现，请检查 ALIPAY_PUBLIC_KEY，也可能有人在发送伪造的通知。'),
  },
}

/** A late success that Alipay undid itself: the cancel of the trade returned the money. */
const REFUNDED_BY_CANCEL: StaffExplanation = {
  message: text('The diner paid just as the payment was being cancelled; Alipay returned the money.', '顾客在付款被撤销时完成了付款，支付宝已将款项退回。'),
  staffAction: text('Nothing was charged in the end. If the order still needs paying, start a new payment.', '最终未扣款。如订单仍需付款，请重新发起支付。'),
}

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

/** What an alert means and what to do; a failed refund carries Alipay's reason when it gave one. */
export function explainAlert (kind: AlertKind, detail: Readonly<Record<string, unknown>>): StaffExplanation {
  const base = ALERTS[kind]
  if (kind === AlertKindEnum.PAYMENT_LATE_SUCCESS && detail.refundedByCancel === true) return REFUNDED_BY_CANCEL
  if (kind === AlertKindEnum.REFUND_FAILED && typeof detail.subCode === 'string') {
    const reason = alipayExplanation(detail.subCode)
    if (reason) {
      return {
        message: text(`${base.message.en} ${reason.message.en}`, `${base.message['zh-CN']}${reason.message['zh-CN']}`),
        staffAction: reason.staffAction,
      }
    }
  }
  if (kind === AlertKindEnum.NOTIFICATION_BAD_SIGNATURE && typeof detail.count === 'number' && detail.count > 1) {
    return { message: badSignatureCount(detail.count, detail.source), staffAction: base.staffAction }
  }
  return base
}

/** A summary of forged or broken notifications: how many, and from where. */
function badSignatureCount (count: number, source: unknown): LocalizedText {
  const many = source === ALERT_SOURCE_MANY || typeof source !== 'string'
  return text(
    `${count} payment notifications ${many ? 'from many addresses' : `from ${source}`} arrived with signatures that do not check out; all were ignored.`,
    `收到${many ? '来自多个地址' : `来自 ${source} `}的 ${count} 条签名无效的支付通知，均已忽略。`)
}
