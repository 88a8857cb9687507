// The gateway's parameters: URL query and form body merged, decoded in the charset the request declares.
import { charsetEncoding, decodePairs, splitForm, type RawPair } from '../charset.js'

export interface GatewayParams {
  params: Record<string, string>
  /** The charset as the merchant wrote it (GBK when it sent none, as Alipay assumes). */
  charset: string
  encoding: string
}

export type ParamsProblem = { ok: false, subCode: 'isv.invalid-charset' | 'isv.invalid-parameter', subMsg: string }

const DEFAULT_CHARSET = 'GBK'

function declaredCharset (pairs: RawPair[], charsetKey: string): string | undefined {
  // Parameter names are ASCII, so the charset can be found before the charset is known.
  const pair = pairs.find(p => p.key.toString('latin1') === charsetKey)
  return pair === undefined ? undefined : pair.value.toString('latin1')
}

/**
 * Reads `?query` and a form body (a Buffer from our parser); a key sent twice with two values is refused.
 * The charset is named by `charset` (Open Platform) or `_input_charset` (MAPI).
 */
export function readGatewayParams (rawUrl: string, body: unknown, charsetKey = 'charset'): ParamsProblem | ({ ok: true } & GatewayParams) {
  const queryStart = rawUrl.indexOf('?')
  const queryPairs = queryStart === -1 ? [] : splitForm(Buffer.from(rawUrl.slice(queryStart + 1), 'latin1'))
  const bodyPairs = Buffer.isBuffer(body) ? splitForm(body) : []
  const charset = declaredCharset(queryPairs, charsetKey) ?? declaredCharset(bodyPairs, charsetKey) ?? DEFAULT_CHARSET
  const encoding = charsetEncoding(charset)
  if (encoding === undefined) return { ok: false, subCode: 'isv.invalid-charset', subMsg: '字符集不合法' }
  const params: Record<string, string> = Object.create(null) as Record<string, string>
  for (const [key, value] of [...decodePairs(queryPairs, encoding), ...decodePairs(bodyPairs, encoding)]) {
    const seen = params[key]
    if (seen !== undefined && seen !== value) {
      return { ok: false, subCode: 'isv.invalid-parameter', subMsg: `参数${key}重复且取值不一致` }
    }
    params[key] = value
  }
  return { ok: true, params: { ...params }, charset, encoding }
}
