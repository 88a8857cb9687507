// The MAPI gateway's checks of the common parameters (PROTOCOL §4.1): service, partner, charset, signature, timestamp.
import { parseBeijing } from '../time.js'
import { isMapiSignType, mapiSignContent, verifyMapi, type MapiKeys, type MapiSignType } from './signing.js'

/** A request whose timestamp is further than this from the gateway's clock is refused. */
export const MAPI_TIMESTAMP_WINDOW_MS = 30 * 60_000

/** Gateway-level refusals, answered `is_success=F` with `<error>`; the call is not carried out. */
export type MapiGatewayError =
  | 'ILLEGAL_SERVICE'
  | 'ILLEGAL_PARTNER'
  | 'ILLEGAL_CHARSET'
  | 'ILLEGAL_SIGN_TYPE'
  | 'ILLEGAL_SIGN'
  | 'ILLEGAL_ARGUMENT'
  | 'SYSTEM_ERROR'

export interface MapiCheckContext {
  partnerId: string
  keys: MapiKeys
  isService: (service: string) => boolean
  /** Services whose requests must carry a timestamp (precreate and create). */
  needsTimestamp: (service: string) => boolean
  now: number
  encoding: string
}

export type MapiCheckResult =
  | { ok: true, service: string, signType: MapiSignType }
  | { ok: false, error: MapiGatewayError, detail: string }

const refuse = (error: MapiGatewayError, detail: string): MapiCheckResult => ({ ok: false, error, detail })

export function checkMapiParams (params: Readonly<Record<string, string>>, ctx: MapiCheckContext): MapiCheckResult {
  const service = params.service ?? ''
  if (!ctx.isService(service)) return refuse('ILLEGAL_SERVICE', `unknown service ${JSON.stringify(service)}`)
  if ((params.partner ?? '') !== ctx.partnerId) return refuse('ILLEGAL_PARTNER', 'partner is missing or not this gateway\'s partner')
  if ((params._input_charset ?? '') === '') return refuse('ILLEGAL_CHARSET', '_input_charset is missing')
  const signType = params.sign_type ?? ''
  if (!isMapiSignType(signType)) return refuse('ILLEGAL_SIGN_TYPE', 'sign_type must be MD5, RSA or RSA2')
  if (signType === 'MD5' && ctx.keys.md5Key === undefined) return refuse('ILLEGAL_SIGN_TYPE', 'no MD5 key is configured for this partner')
  const sign = params.sign ?? ''
  if (sign === '' || !verifyMapi(mapiSignContent(params), sign, signType, ctx.keys, ctx.encoding)) {
    return refuse('ILLEGAL_SIGN', 'the signature does not verify')
  }
  const timestamp = params.timestamp ?? ''
  if (timestamp === '' && ctx.needsTimestamp(service)) return refuse('ILLEGAL_ARGUMENT', 'timestamp is missing')
  if (timestamp !== '') {
    const at = parseBeijing(timestamp)
    if (at === undefined) return refuse('ILLEGAL_ARGUMENT', 'timestamp is not yyyy-MM-dd HH:mm:ss (GMT+8)')
    if (Math.abs(ctx.now - at) > MAPI_TIMESTAMP_WINDOW_MS) return refuse('ILLEGAL_ARGUMENT', 'timestamp is more than 30 minutes off')
  }
  return { ok: true, service, signType }
}
