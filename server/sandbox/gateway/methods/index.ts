// The methods the emulated gateway implements, by their Open Platform names.
import { billDownloadUrl } from './bill.js'
import { cancel, close } from './cancel-close.js'
import type { MethodSpec } from './context.js'
import { oauthToken } from './oauth-token.js'
import { create, precreate } from './open-trade.js'
import { query, refundQuery } from './query.js'
import { refund } from './refund.js'

export const METHODS: ReadonlyMap<string, MethodSpec> = new Map([
  ['alipay.trade.precreate', precreate],
  ['alipay.trade.create', create],
  ['alipay.trade.query', query],
  ['alipay.trade.cancel', cancel],
  ['alipay.trade.close', close],
  ['alipay.trade.refund', refund],
  ['alipay.trade.fastpay.refund.query', refundQuery],
  ['alipay.system.oauth.token', oauthToken],
  ['alipay.data.dataservice.bill.downloadurl.query', billDownloadUrl],
])
