// alipay.system.oauth.token: auth_code (or refresh_token) → the buyer's user_id / open_id; no biz_content.
import { formatBeijing } from '../../time.js'
import { ACCESS_TOKEN_TTL_S, REFRESH_TOKEN_TTL_S, type Grant } from '../../oauth.js'
import { failure, success } from '../answer.js'
import { answer, type MethodSpec } from './context.js'

// Token errors come back in error_response, as Alipay sends them (PROTOCOL §2.8).
const tokenError = (subCode: string, subMsg: string): ReturnType<MethodSpec['run']> =>
  ({ place: 'error', node: failure(40002, subCode, subMsg), signed: true })

export const oauthToken: MethodSpec = {
  needsBizContent: false,
  run (ctx) {
    const grantType = ctx.params.grant_type ?? ''
    let grant: Grant | undefined
    if (grantType === 'authorization_code') {
      grant = ctx.oauth.redeemCode(ctx.params.code ?? '')
      if (grant === undefined) return tokenError('isv.code-invalid', '授权码code无效')
    } else if (grantType === 'refresh_token') {
      grant = ctx.oauth.redeemRefreshToken(ctx.params.refresh_token ?? '')
      if (grant === undefined) return tokenError('isv.refresh-token-invalid', '刷新令牌refresh_token无效')
    } else {
      return tokenError('isv.grant-type-invalid', 'grant_type参数不合法')
    }
    return answer(success({
      // Only the ids the buyer's authorization said this app is answered with (see ID_ANSWERS).
      ...(grant.answer !== 'open_id' ? { user_id: grant.userId } : {}),
      ...(grant.answer !== 'user_id' ? { open_id: grant.openId } : {}),
      access_token: grant.accessToken,
      expires_in: ACCESS_TOKEN_TTL_S,
      refresh_token: grant.refreshToken,
      re_expires_in: REFRESH_TOKEN_TTL_S,
      auth_start: formatBeijing(grant.authStart),
    }))
  },
}
