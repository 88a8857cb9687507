// Business sub_codes the emulated gateway answers with, and the messages Alipay gives with them.
export const ACQ_MESSAGES = {
  'ACQ.SYSTEM_ERROR': '系统错误',
  'ACQ.INVALID_PARAMETER': '参数无效',
  'ACQ.PARTNER_ERROR': '应用APP_ID填写错误',
  'ACQ.TOTAL_FEE_EXCEED': '订单金额超过限额',
  'ACQ.CONTEXT_INCONSISTENT': '交易信息被篡改',
  'ACQ.TRADE_HAS_SUCCESS': '交易已被支付',
  'ACQ.TRADE_HAS_CLOSE': '交易已经关闭',
  'ACQ.TRADE_BUYER_NOT_MATCH': '交易买家不匹配',
  'ACQ.BUYER_SELLER_EQUAL': '买卖家不能相同',
  'ACQ.TRADE_NOT_EXIST': '交易不存在',
  'ACQ.TRADE_STATUS_ERROR': '交易状态不合法',
  'ACQ.TRADE_HAS_FINISHED': '交易已完结',
  'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL': '退款金额与该退款请求号的原退款金额不一致',
  'ACQ.REASON_TRADE_REFUND_FEE_ERR': '退款金额无效',
  'ACQ.TRADE_CANCEL_TIME_OUT': '超过撤销时间范围',
} as const
export type AcqCode = keyof typeof ACQ_MESSAGES

/** A business failure: answered as 40004 with this sub_code inside the method's node. */
export interface AcqFailure {
  ok: false
  subCode: AcqCode
  subMsg: string
}

export function acq (subCode: AcqCode, detail?: string): AcqFailure {
  return { ok: false, subCode, subMsg: detail ?? ACQ_MESSAGES[subCode] }
}
