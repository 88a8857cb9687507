// alipay.acquire.cancel: closes an unpaid trade, refunds a paid one, locks an out_trade_no never seen; retry_flag on every answer.
import { findMapiTrade, fromAcq, illegalArgument, resultFail, resultSuccess, tradeRefOf, type ServiceSpec } from './context.js'

export const cancel: ServiceSpec = {
  needsTimestamp: false,
  run (ctx) {
    const ref = tradeRefOf(ctx)
    if (ref === undefined) return illegalArgument('out_trade_no and trade_no are both missing')
    // An Open Platform trade of the same number is not the MAPI's to cancel.
    if (ctx.trades.find(ref) !== undefined && findMapiTrade(ctx.trades, ref) === undefined) {
      return resultFail('TRADE_NOT_EXIST', 'no trade with this out_trade_no / trade_no', { retry_flag: 'N' })
    }
    const result = ctx.trades.cancel(ref)
    if (!result.ok) return fromAcq(result, { retry_flag: 'N' })
    return resultSuccess({
      out_trade_no: result.outTradeNo,
      trade_no: result.trade?.tradeNo,
      retry_flag: 'N',
      action: result.action,
    })
  },
}
