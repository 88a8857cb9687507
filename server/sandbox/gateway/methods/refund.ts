// alipay.trade.refund: idempotent on out_request_no, cumulative refund_fee, fund_change Y only when money moved.
import { toAlipayAmount } from '#shared/money.js'
import { formatBeijing } from '../../time.js'
import { refundedFen } from '../../trades.js'
import { success } from '../answer.js'
import { answer, businessFailure, field, invalid, isFailure, parseAmount, tradeRef, type MethodSpec } from './context.js'
import { buyerFields } from './query.js'

export const refund: MethodSpec = {
  needsBizContent: true,
  run (ctx) {
    const ref = tradeRef(ctx.biz)
    if (isFailure(ref)) return businessFailure(ref)
    const amount = parseAmount(field(ctx.biz, 'refund_amount'), 'refund_amount')
    if (isFailure(amount)) return businessFailure(amount.subCode === 'ACQ.TOTAL_FEE_EXCEED' ? invalid('refund_amount超过限额') : amount)
    const outRequestNo = field(ctx.biz, 'out_request_no')
    if (outRequestNo !== undefined && outRequestNo.length > 64) return businessFailure(invalid('out_request_no超过64个字符'))
    const result = ctx.trades.refund(ref, amount, outRequestNo, field(ctx.biz, 'refund_reason'))
    if (!result.ok) return businessFailure(result)
    const { trade, refund: done, fundChange } = result
    return answer(success({
      trade_no: trade.tradeNo,
      out_trade_no: trade.outTradeNo,
      ...buyerFields(trade, 'buyer_user_id'),
      fund_change: fundChange ? 'Y' : 'N',
      refund_fee: toAlipayAmount(refundedFen(trade)),
      gmt_refund_pay: formatBeijing(done.at),
      send_back_fee: toAlipayAmount(done.amount),
    }))
  },
}
