// alipay.trade.cancel (close or refund, whatever the trade needs) and alipay.trade.close (unpaid trades only).
import { formatBeijing } from '../../time.js'
import { success } from '../answer.js'
import { answer, businessFailure, isFailure, tradeRef, type MethodSpec } from './context.js'

export const cancel: MethodSpec = {
  needsBizContent: true,
  run (ctx) {
    const ref = tradeRef(ctx.biz)
    if (isFailure(ref)) return businessFailure(ref)
    const result = ctx.trades.cancel(ref)
    if (!result.ok) return businessFailure(result, { retry_flag: 'N' })
    return answer(success({
      trade_no: result.trade?.tradeNo,
      out_trade_no: result.outTradeNo,
      retry_flag: 'N',
      action: result.action,
      gmt_refund_pay: result.refund === undefined ? undefined : formatBeijing(result.refund.at),
    }))
  },
}

export const close: MethodSpec = {
  needsBizContent: true,
  run (ctx) {
    const ref = tradeRef(ctx.biz)
    if (isFailure(ref)) return businessFailure(ref)
    const result = ctx.trades.close(ref)
    if (!result.ok) return businessFailure(result)
    return answer(success({ trade_no: result.trade.tradeNo, out_trade_no: result.trade.outTradeNo }))
  },
}
