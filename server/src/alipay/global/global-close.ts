// `close` on MAPI, which has no close service: a cancel, made only when it cannot refund (PROTOCOL §4.2, §6).
import {
  type AlipayGateway, type CloseResult, type GatewayResult, isPaidStatus, isTradeNotFound,
} from '../gateway.js'

/**
 * The Open Platform's close ends an unpaid trade and refuses a paid one; `alipay.acquire.cancel` would
 * refund a paid one. So: query first; a paid trade is refused (TRADE_STATUS_ERROR, nothing sent), a
 * closed one is already closed, an unpaid or not yet scanned one is cancelled (which also locks its QR).
 * If the buyer pays between the query and the cancel, the cancel refunds them: that is reported as
 * unknown (code REFUNDED_BY_CANCEL), never as a plain success, so the caller looks again.
 */
export async function closeByCancel (
  ref: Parameters<AlipayGateway['close']>[0],
  query: AlipayGateway['query'],
  cancel: AlipayGateway['cancel'],
): Promise<GatewayResult<CloseResult>> {
  const state = await query(ref)
  if (state.outcome === 'unknown') return state
  if (state.outcome === 'failure' && !isTradeNotFound(state)) return state
  if (state.outcome === 'success') {
    const ids = { outTradeNo: state.data.outTradeNo || ref.outTradeNo, tradeNo: state.data.tradeNo || ref.tradeNo }
    if (isPaidStatus(state.data.tradeStatus)) {
      return {
        outcome: 'failure',
        code: 'TRADE_STATUS_ERROR',
        msg: `the trade is ${state.data.tradeStatus}: close does not refund (use refund)`,
        subCode: 'TRADE_STATUS_ERROR',
        raw: state.raw,
      }
    }
    if (state.data.tradeStatus === 'TRADE_CLOSED') return { outcome: 'success', data: ids, raw: state.raw }
  }
  const cancelled = await cancel(ref)
  if (cancelled.outcome !== 'success') return cancelled
  const { action, retryFlag, outTradeNo, tradeNo } = cancelled.data
  if (retryFlag) return { outcome: 'unknown', reason: 'system-error', detail: 'cancel asked to be retried (retry_flag=Y)', raw: cancelled.raw }
  if (action === 'refund') {
    return {
      outcome: 'unknown',
      reason: 'system-error',
      code: 'REFUNDED_BY_CANCEL',
      detail: 'the trade was paid between the query and the cancel, which refunded it: query it and reconcile',
      raw: cancelled.raw,
    }
  }
  return { outcome: 'success', data: { outTradeNo: outTradeNo ?? ref.outTradeNo, tradeNo: tradeNo ?? ref.tradeNo }, raw: cancelled.raw }
}
