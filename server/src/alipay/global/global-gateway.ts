// The AlipayGateway over the Alipay Global MAPI `gateway.do?service=…` (PROTOCOL §4.1–§4.3, §9).
import { flag, MalformedAnswer, optionalString, requiredString } from '../answer-fields.js'
import {
  type AlipayGateway, type CancelResult, type CreateInput, type CreateResult, type GatewayResult, type GatewayUnknown, isTradeStatus, type RefundQueryResult,
} from '../gateway.js'
import { closeByCancel } from './global-close.js'
import { type GlobalGatewayOptions, resolveGlobalConfig } from './global-config.js'
import {
  amountIn, amountParam, buyerParams, firstString, nonEmpty, normaliseAlipayTime, refParams, tradeParams, transParams,
} from './global-fields.js'
import { callMapi, type MapiCall } from './mapi-client.js'
import { type MapiFields } from './mapi-xml.js'

export { type GlobalExtendParams, type GlobalGatewayOptions } from './global-config.js'

export const GLOBAL_SERVICES = {
  precreate: 'alipay.acquire.precreate',
  create: 'alipay.acquire.create',
  query: 'alipay.acquire.overseas.query',
  cancel: 'alipay.acquire.cancel',
  refund: 'alipay.acquire.overseas.spot.refund',
} as const

export function createGlobalGateway (options: GlobalGatewayOptions): AlipayGateway {
  const config = resolveGlobalConfig(options)
  const currency = config.transCurrency

  async function call<T> (request: MapiCall, map: (response: MapiFields) => T): Promise<GatewayResult<T>> {
    const outcome = await callMapi(config.client, request)
    if (outcome.outcome === 'unknown') return outcome
    if (outcome.outcome === 'failure') {
      const { response, ...failure } = outcome
      if (request.service === GLOBAL_SERVICES.cancel && response !== undefined && flag(response, 'retry_flag')) {
        // A cancel that failed but asks to be called again has not settled anything yet (PROTOCOL §6.2).
        return { outcome: 'unknown', reason: 'system-error', detail: 'cancel FAIL with retry_flag=Y: call it again', code: failure.code, subCode: failure.subCode, subMsg: failure.subMsg, raw: failure.raw }
      }
      return failure
    }
    try {
      return { outcome: 'success', data: map(outcome.response), raw: outcome.raw }
    } catch (error) {
      if (!(error instanceof MalformedAnswer)) throw error
      return { outcome: 'unknown', reason: 'malformed', detail: error.message, code: 'SUCCESS', raw: outcome.raw }
    }
  }

  const cancel: AlipayGateway['cancel'] = async ref => call({ service: GLOBAL_SERVICES.cancel, params: refParams(ref) }, response => ({
    outTradeNo: optionalString(response, 'out_trade_no') ?? ref.outTradeNo,
    tradeNo: optionalString(response, 'trade_no') ?? ref.tradeNo,
    action: cancelAction(response),
    retryFlag: flag(response, 'retry_flag'),
  }))

  const query: AlipayGateway['query'] = async ref => call({ service: GLOBAL_SERVICES.query, params: transParams(ref) }, response => {
    const status = firstString(response, 'alipay_trans_status', 'trade_status')
    if (!isTradeStatus(status)) throw new MalformedAnswer(`unknown alipay_trans_status ${JSON.stringify(status ?? null)}`)
    return {
      outTradeNo: firstString(response, 'partner_trans_id', 'out_trade_no') ?? ref.outTradeNo ?? '',
      tradeNo: firstString(response, 'alipay_trans_id', 'trade_no') ?? ref.tradeNo ?? '',
      tradeStatus: status,
      totalAmount: amountIn(response, 'trans_amount', currency, ['trans_currency', 'currency']) ??
        amountIn(response, 'total_fee', currency, ['trans_currency', 'currency']),
      receiptAmount: null,
      buyerPayAmount: null,
      buyerId: firstString(response, 'alipay_buyer_user_id', 'buyer_user_id', 'buyer_id'),
      buyerLogonId: firstString(response, 'alipay_buyer_login_id', 'buyer_logon_id'),
      paidAt: normaliseAlipayTime(firstString(response, 'alipay_pay_time', 'gmt_payment')),
      userPaying: false,
    }
  })

  const createTrade = async (input: CreateInput): Promise<GatewayResult<CreateResult>> => call({
    service: GLOBAL_SERVICES.create,
    params: { ...tradeParams(config, input, config.client.now()), ...buyerParams(input) },
  }, response => ({
    outTradeNo: optionalString(response, 'out_trade_no') ?? input.outTradeNo,
    tradeNo: requiredString(response, 'trade_no'),
    userPaying: false,
  }))

  return {
    // MAPI has no refund query: an unknown refund is settled by re-sending it with the same partner_refund_id.
    refundsConfirmedBy: 'resend',
    precreate: async input => call({ service: GLOBAL_SERVICES.precreate, params: tradeParams(config, input, config.client.now()) }, response => ({
      outTradeNo: optionalString(response, 'out_trade_no') ?? input.outTradeNo,
      qrCode: requiredString(response, 'qr_code'),
    })),

    create: async (input) => {
      // A diner Alipay identified only by an open_id (newer apps) cannot be a MAPI buyer: a plain refusal, sent
      // nowhere, so the diner is told to pay at the tablet instead of the request failing.
      if (input.buyerId === undefined) {
        return { outcome: 'failure', code: 'BUYER_ID_REQUIRED', msg: 'alipay.acquire.create needs the buyer\'s 2088… user id; this diner has only an open_id' }
      }
      return createTrade(input)
    },

    query,
    cancel,
    close: async ref => closeByCancel(ref, query, cancel),

    refund: async (input) => {
      const outTradeNo = nonEmpty(input.outTradeNo ?? '', 'outTradeNo (partner_trans_id)')
      const refundId = nonEmpty(input.outRequestNo, 'outRequestNo')
      if (refundId === outTradeNo) throw new TypeError('outRequestNo (partner_refund_id) must differ from outTradeNo')
      return call({
        service: GLOBAL_SERVICES.refund,
        params: {
          partner_trans_id: outTradeNo,
          partner_refund_id: refundId,
          refund_amount: amountParam(input.refundAmount, currency, 'refundAmount'),
          currency,
          refund_reason: input.reason,
          is_sync: 'Y',
        },
      }, response => ({
        outTradeNo: optionalString(response, 'partner_trans_id') ?? outTradeNo,
        tradeNo: optionalString(response, 'alipay_trans_id') ?? input.tradeNo,
        // SUCCESS for this partner_refund_id means the refund is done, whether by this call or an earlier one.
        fundChange: true,
        // MAPI reports this refund's amount, not a cumulative one: the amount refunded by this partner_refund_id.
        refundFee: amountIn(response, 'refund_amount', currency, ['currency']) ?? input.refundAmount,
      }))
    },

    refundQuery: async (input): Promise<GatewayResult<RefundQueryResult>> => {
      transParams(input)
      nonEmpty(input.outRequestNo, 'outRequestNo')
      const unknown: GatewayUnknown = {
        outcome: 'unknown',
        reason: 'system-error',
        detail: 'no refund query in MAPI: re-send the refund with the same partner_refund_id',
      }
      return unknown
    },

    oauthToken: async (input) => {
      if (config.openApi) return config.openApi.oauthToken(input)
      return { outcome: 'failure', code: 'OAUTH_NOT_CONFIGURED', msg: 'alipay.system.oauth.token runs on the Open Platform: configure its app id and keys' }
    },
  }
}

function cancelAction (response: MapiFields): CancelResult['action'] {
  const action = optionalString(response, 'action')
  return action === 'close' || action === 'refund' ? action : null
}
