// The gateway's checks of the common parameters, in the order Alipay reports them (PROTOCOL §1.2, §1.4, §1.7).
import type { KeyObject } from 'node:crypto'
import { isSignType, requestSignContent, verifyText, type SignType } from '../signing.js'
import { parseBeijing } from '../time.js'
import { failure, type Answer } from './answer.js'

/** How far a request's timestamp may be from the gateway's clock. */
export const TIMESTAMP_TOLERANCE_MS = 15 * 60_000

export interface CheckContext {
  appId: string
  merchantKey: KeyObject
  isMethod: (method: string) => boolean
  now: number
  encoding: string
}

export type CheckResult =
  | { ok: true, method: string, signType: SignType }
  | { ok: false, answer: Answer, method?: string, signType?: SignType }

const unsigned = (code: 40001 | 40002, subCode: string, subMsg: string): CheckResult =>
  ({ ok: false, answer: { place: 'error', node: failure(code, subCode, subMsg), signed: false } })

/** The HTML-escaped string Alipay echoes in `sub_msg` when a signature fails (PROTOCOL §1.4, "Debug tip"). */
export function invalidSignatureMessage (content: string): string {
  return `验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：${content.replaceAll('&', '&amp;')}`
}

export function checkCommonParams (params: Readonly<Record<string, string>>, ctx: CheckContext): CheckResult {
  const method = params.method ?? ''
  if (method === '') return unsigned(40001, 'isv.missing-method', '缺少方法名参数')
  const appId = params.app_id ?? ''
  if (appId === '') return unsigned(40001, 'isv.missing-app-id', '缺少AppID参数')
  if (appId !== ctx.appId) return unsigned(40002, 'isv.invalid-app-id', '无效的AppID参数')
  if (!ctx.isMethod(method)) return unsigned(40002, 'isv.invalid-method', '不存在的方法名')

  // From here on the method is known: answers go in its node, signed as well as the gateway can.
  const declared = params.sign_type ?? ''
  const signType = isSignType(declared) ? declared : undefined
  const fail = (code: 40001 | 40002, subCode: string, subMsg: string): CheckResult =>
    ({ ok: false, method, signType, answer: { place: 'method', node: failure(code, subCode, subMsg), signed: true } })

  const format = params.format ?? ''
  if (format !== '' && format.toUpperCase() !== 'JSON') return fail(40002, 'isv.invalid-format', '无效的数据格式')
  if (declared === '') return fail(40001, 'isv.missing-signature-type', '缺少签名类型参数')
  if (signType === undefined) return fail(40002, 'isv.invalid-signature-type', '无效的签名类型')
  const sign = params.sign ?? ''
  if (sign === '') return fail(40001, 'isv.missing-signature', '缺少签名参数')
  const timestamp = params.timestamp ?? ''
  if (timestamp === '') return fail(40001, 'isv.missing-timestamp', '缺少时间戳参数')
  const at = parseBeijing(timestamp)
  if (at === undefined || Math.abs(at - ctx.now) > TIMESTAMP_TOLERANCE_MS) {
    return fail(40002, 'isv.invalid-timestamp', '非法的时间戳参数')
  }
  const version = params.version ?? ''
  if (version === '') return fail(40001, 'isv.missing-version', '缺少版本参数')
  if (version !== '1.0') return fail(40002, 'isv.invalid-parameter', '无效的版本参数')

  const content = requestSignContent(params)
  if (!verifyText(content, sign, signType, ctx.merchantKey, ctx.encoding)) {
    return fail(40002, 'isv.invalid-signature', invalidSignatureMessage(content))
  }
  return { ok: true, method, signType }
}
