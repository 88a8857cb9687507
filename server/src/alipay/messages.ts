// Plain-language sentences (en, zh-CN) for the Alipay sub_codes diners and cashiers can meet; raw codes stay in logs.
import { type Locale } from '#shared/schemas/common.js'

export interface AlipayCodeDescription {
  /** The sub_code looked up (normalised, e.g. `AQC.` → `ACQ.`), or null for the generic fallback. */
  subCode: string | null
  /** One short sentence for the diner or cashier. */
  message: string
  /** What staff should do about it. */
  staffAction: string
}

type Text = Readonly<Record<Locale, string>>
interface Entry { message: Text, action: Text }

const SETUP_PROBLEM: Text = {
  en: 'Alipay payment is unavailable because of a setup problem. Please ask a member of staff.',
  'zh-CN': '支付宝支付因配置问题暂不可用，请联系店员。',
}
const BUSY: Text = {
  en: 'Alipay is busy. We are checking the payment, please wait a moment.',
  'zh-CN': '支付宝系统繁忙，正在确认支付结果，请稍候。',
}
const WAIT_ACTION: Text = {
  en: 'Nothing to do yet: the payment is being checked automatically. Do not take a second payment.',
  'zh-CN': '暂无需操作：系统正在自动确认支付结果，请勿重复收款。',
}

const ENTRIES: Readonly<Record<string, Entry>> = {
  'ACQ.TRADE_HAS_SUCCESS': {
    message: { en: 'This order has already been paid.', 'zh-CN': '该订单已支付。' },
    action: { en: 'Do not charge again; check the payment on the order.', 'zh-CN': '请勿重复收款，请在订单中核对支付记录。' },
  },
  'ACQ.TRADE_HAS_CLOSE': {
    message: { en: 'This payment has been closed. Please start a new payment.', 'zh-CN': '该笔交易已关闭，请重新发起支付。' },
    action: { en: 'Start a new payment for the order.', 'zh-CN': '为该订单重新发起支付。' },
  },
  'ACQ.TOTAL_FEE_EXCEED': {
    message: { en: 'The amount is outside what Alipay accepts for this payment.', 'zh-CN': '订单金额超出支付宝允许的范围。' },
    action: { en: 'Check the order total; split a very large bill.', 'zh-CN': '请核对订单金额，金额过大时可分单支付。' },
  },
  'ACQ.SELLER_BALANCE_NOT_ENOUGH': {
    message: { en: 'The refund cannot be made right now: the restaurant\'s Alipay balance is too low.', 'zh-CN': '商户支付宝账户余额不足，暂时无法退款。' },
    action: { en: 'Top up the merchant Alipay account, then retry the refund.', 'zh-CN': '请为商户支付宝账户充值后重试退款。' },
  },
  'ACQ.REASON_TRADE_BEEN_FREEZEN': {
    message: { en: 'Alipay has frozen this payment; it cannot be changed now.', 'zh-CN': '该交易已被支付宝冻结，暂时无法操作。' },
    action: { en: 'Contact Alipay merchant support about this trade.', 'zh-CN': '请联系支付宝商家客服处理该交易。' },
  },
  'ACQ.TRADE_NOT_ALLOW_REFUND': {
    message: { en: 'This payment can no longer be refunded through Alipay.', 'zh-CN': '该交易已不支持通过支付宝退款。' },
    action: { en: 'Refund the guest another way (e.g. cash) and note it.', 'zh-CN': '请通过其他方式（如现金）退款并登记。' },
  },
  'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL': {
    message: { en: 'The refund amount differs from the earlier attempt of this refund.', 'zh-CN': '退款金额与此前同一笔退款请求不一致。' },
    action: { en: 'Retry with the original amount, or start a separate refund.', 'zh-CN': '请按原金额重试，或另行发起一笔退款。' },
  },
  'ACQ.REASON_TRADE_REFUND_FEE_ERR': {
    message: { en: 'The refund is more than what is left to refund on this payment.', 'zh-CN': '退款金额超过该笔交易的可退金额。' },
    action: { en: 'Check what was already refunded and lower the amount.', 'zh-CN': '请核对已退金额后减少退款金额。' },
  },
  'ACQ.TRADE_CANCEL_TIME_OUT': {
    message: { en: 'This payment is too old to be cancelled.', 'zh-CN': '该交易已超过可撤销期限。' },
    action: { en: 'Use a refund instead.', 'zh-CN': '请改用退款。' },
  },
  'ACQ.ACCESS_FORBIDDEN': {
    message: SETUP_PROBLEM,
    action: { en: 'This Alipay product is not enabled for the app: check the signed products in the Open Platform console.', 'zh-CN': '应用未开通该支付宝产品，请在开放平台控制台检查已签约产品。' },
  },
  'ACQ.EXIST_FORBIDDEN_WORD': {
    message: { en: 'Alipay refused the order description.', 'zh-CN': '订单描述含有支付宝禁止的词语。' },
    action: { en: 'Change the payment subject (store or dish names) and try again.', 'zh-CN': '请修改支付标题（店名或菜名）后重试。' },
  },
  'ACQ.BUYER_ENABLE_STATUS_FORBID': {
    message: { en: 'This Alipay account cannot pay right now. Please use another account.', 'zh-CN': '该支付宝账户暂时无法付款，请更换账户。' },
    action: { en: 'Ask the guest to pay with another account or another way.', 'zh-CN': '请顾客更换账户或其他方式付款。' },
  },
  'ACQ.SELLER_BEEN_BLOCKED': {
    message: { en: 'The restaurant cannot take Alipay payments right now.', 'zh-CN': '本店暂时无法收取支付宝付款。' },
    action: { en: 'The merchant Alipay account is restricted: contact Alipay support and take payment another way.', 'zh-CN': '商户支付宝账户受限，请联系支付宝客服，并改用其他方式收款。' },
  },
  'ACQ.TRADE_STATUS_ERROR': {
    message: { en: 'This payment is not in a state that allows this action.', 'zh-CN': '当前交易状态不允许此操作。' },
    action: { en: 'Refresh the payment status, then decide (it may already be paid or closed).', 'zh-CN': '请刷新支付状态后再处理（可能已支付或已关闭）。' },
  },
  'ACQ.TRADE_HAS_FINISHED': {
    message: { en: 'This payment is completed and can no longer be cancelled or refunded.', 'zh-CN': '该交易已完结，无法撤销或退款。' },
    action: { en: 'Refund the guest another way if needed.', 'zh-CN': '如需退款，请通过其他方式处理。' },
  },
  'ACQ.SYSTEM_ERROR': { message: BUSY, action: WAIT_ACTION },
  'ACQ.TRADE_NOT_EXIST': {
    message: { en: 'Alipay has no record of this payment yet.', 'zh-CN': '支付宝暂无该笔交易记录。' },
    action: { en: 'Normal before the guest scans the QR code; otherwise check the payment number.', 'zh-CN': '顾客扫码前属正常情况；否则请核对交易号。' },
  },
  'ACQ.CONTEXT_INCONSISTENT': {
    message: { en: 'This payment conflicts with an earlier one. Please start a new payment.', 'zh-CN': '该支付与此前的请求不一致，请重新发起支付。' },
    action: { en: 'Start a new payment for the order.', 'zh-CN': '为该订单重新发起支付。' },
  },
  'ACQ.TRADE_BUYER_NOT_MATCH': {
    message: { en: 'This payment belongs to another Alipay account. Please start a new payment.', 'zh-CN': '该交易属于其他支付宝账户，请重新发起支付。' },
    action: { en: 'Start a new payment for the order.', 'zh-CN': '为该订单重新发起支付。' },
  },
  'ACQ.BUYER_SELLER_EQUAL': {
    message: { en: 'The restaurant\'s own Alipay account cannot pay here.', 'zh-CN': '不能使用商户本身的支付宝账户付款。' },
    action: { en: 'Pay with a different Alipay account.', 'zh-CN': '请使用其他支付宝账户付款。' },
  },
  'ACQ.NOT_ALLOW_PARTIAL_REFUND': {
    message: { en: 'This payment can only be refunded in full.', 'zh-CN': '该交易仅支持全额退款。' },
    action: { en: 'Refund the full amount, or settle the difference another way.', 'zh-CN': '请全额退款，或通过其他方式处理差额。' },
  },
  'ACQ.DISCORDANT_REPEAT_REQUEST': {
    message: { en: 'This refund conflicts with an earlier refund request.', 'zh-CN': '该退款与此前的退款请求不一致。' },
    action: { en: 'Check the refunds already made on this payment.', 'zh-CN': '请核对该交易已有的退款记录。' },
  },
  'ACQ.INVALID_PARAMETER': {
    message: SETUP_PROBLEM,
    action: { en: 'Alipay rejected a request field; see the server log for the raw sub_msg.', 'zh-CN': '支付宝拒绝了请求参数，请查看服务器日志中的原始 sub_msg。' },
  },
  'ACQ.PARTNER_ERROR': {
    message: SETUP_PROBLEM,
    action: { en: 'The app id does not match the merchant: check ALIPAY_APP_ID.', 'zh-CN': '应用 ID 与商户不匹配，请检查 ALIPAY_APP_ID。' },
  },
  'isv.invalid-signature': {
    message: SETUP_PROBLEM,
    action: { en: 'Alipay rejected our signature: check the app private key, ALIPAY_SIGN_TYPE and the app public key uploaded to Alipay.', 'zh-CN': '支付宝验签失败：请检查应用私钥、ALIPAY_SIGN_TYPE 以及上传到支付宝的应用公钥。' },
  },
  'isv.invalid-app-id': {
    message: SETUP_PROBLEM,
    action: { en: 'Alipay does not know this app id: check ALIPAY_APP_ID and the gateway (sandbox vs production).', 'zh-CN': '支付宝无法识别该应用 ID：请检查 ALIPAY_APP_ID 及网关（沙箱或正式环境）。' },
  },
  'isv.invalid-timestamp': {
    message: SETUP_PROBLEM,
    action: { en: 'Alipay rejected the request time: check the server clock.', 'zh-CN': '支付宝拒绝了请求时间，请检查服务器时钟。' },
  },
  'isv.insufficient-isv-permissions': {
    message: SETUP_PROBLEM,
    action: { en: 'The app lacks permission for this API: check the products bound to the app.', 'zh-CN': '应用无权调用该接口，请检查应用绑定的产品。' },
  },
  'isv.code-invalid': {
    message: { en: 'Your Alipay sign-in has expired. Please scan the table code again.', 'zh-CN': '支付宝授权已失效，请重新扫描桌码。' },
    action: { en: 'Ask the guest to scan the table QR code again.', 'zh-CN': '请顾客重新扫描桌上的二维码。' },
  },
  'isp.unknow-error': { message: BUSY, action: WAIT_ACTION },
}

const FALLBACK: Entry = {
  message: { en: 'The payment could not be completed. Please ask a member of staff.', 'zh-CN': '支付未能完成，请联系店员。' },
  action: { en: 'See the raw Alipay code in the alerts and the server log.', 'zh-CN': '请在告警列表和服务器日志中查看支付宝原始错误码。' },
}

/** Maps spellings Alipay uses interchangeably onto one key. */
function normalise (subCode: string): string {
  if (subCode.startsWith('AQC.')) return `ACQ.${subCode.slice(4)}`
  if (subCode === 'aop.unknow-error') return 'isp.unknow-error'
  if (/^[A-Z_]+$/.test(subCode)) return `ACQ.${subCode}`
  return subCode
}

/** A short sentence for diners/cashiers and a hint for staff; unknown codes get a generic sentence. */
export function describeAlipayCode (subCode: string | null | undefined, locale: Locale): AlipayCodeDescription {
  const key = subCode ? normalise(subCode.trim()) : undefined
  const entry = key !== undefined ? ENTRIES[key] : undefined
  const chosen = entry ?? FALLBACK
  return { subCode: entry ? key as string : null, message: chosen.message[locale], staffAction: chosen.action[locale] }
}
