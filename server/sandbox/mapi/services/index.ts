// The services the emulated MAPI gateway implements, by their `service=` names (notify_verify is answered apart).
import { cancel } from './cancel.js'
import type { ServiceSpec } from './context.js'
import { create, precreate } from './open-trade.js'
import { acquireQuery, overseasQuery } from './query.js'
import { spotRefund } from './refund.js'

export const SERVICES: ReadonlyMap<string, ServiceSpec> = new Map([
  ['alipay.acquire.precreate', precreate],
  ['alipay.acquire.create', create],
  ['alipay.acquire.overseas.query', overseasQuery],
  ['alipay.acquire.query', acquireQuery],
  ['alipay.acquire.cancel', cancel],
  ['alipay.acquire.overseas.spot.refund', spotRefund],
])
