// alipay.acquire.overseas.spot.refund: idempotent on partner_refund_id, amounts in the trade's currency, answered synchronously.
import { toAlipayAmount } from '#shared/money.js'
import { currencyOf } from '../../trades.js'
import { compactBeijing } from './query.js'
import { findMapiTrade, fromAcq, illegalArgument, param, parseMapiAmount, resultFail, resultSuccess, type ServiceSpec } from './context.js'

const REFUND_ID_MAX = 64

export const spotRefund: ServiceSpec = {
  needsTimestamp: false,
  run (ctx) {
    const partnerTransId = param(ctx, 'partner_trans_id')
    if (partnerTransId === undefined) return illegalArgument('partner_trans_id is missing')
    const partnerRefundId = param(ctx, 'partner_refund_id')
    if (partnerRefundId === undefined || partnerRefundId.length > REFUND_ID_MAX) return illegalArgument('partner_refund_id is missing or longer than 64 characters')
    if (partnerRefundId === partnerTransId) return illegalArgument('partner_refund_id must differ from partner_trans_id')
    const isSync = param(ctx, 'is_sync') ?? 'Y'
    if (isSync !== 'Y' && isSync !== 'N') return illegalArgument('is_sync must be Y or N')

    const trade = findMapiTrade(ctx.trades, { outTradeNo: partnerTransId })
    if (trade === undefined) return resultFail('TRADE_NOT_EXIST', 'no trade with this partner_trans_id', { partner_trans_id: partnerTransId, partner_refund_id: partnerRefundId })
    const currency = currencyOf(trade)
    const asked = param(ctx, 'currency')
    if (asked !== undefined && asked !== currency) return illegalArgument(`currency must be the trade's currency ${currency}`)
    const amount = parseMapiAmount(param(ctx, 'refund_amount'), currency, 'refund_amount')
    if (typeof amount === 'string') return illegalArgument(amount)

    // The same partner_refund_id again answers the refund it made, and moves no money (is_sync=N is answered the same way).
    const result = ctx.trades.refund({ outTradeNo: partnerTransId }, amount, partnerRefundId, param(ctx, 'refund_reason'))
    if (!result.ok) return fromAcq(result, { partner_trans_id: partnerTransId, partner_refund_id: partnerRefundId })
    return resultSuccess({
      alipay_trans_id: result.trade.tradeNo,
      partner_trans_id: partnerTransId,
      partner_refund_id: partnerRefundId,
      refund_amount: toAlipayAmount(result.refund.amount, currency),
      currency,
      refund_time: compactBeijing(result.refund.at),
    })
  },
}
