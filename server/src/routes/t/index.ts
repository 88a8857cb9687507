// /t/: where a diner's phone enters from the table's QR code. Inside Alipay it goes through Alipay's
// authorization (auth_base) and comes back to /t/callback with an auth_code, which becomes a tp_diner
// session bound to the table; then the phone app at /t/<code>/menu (served by the kiosk plugin) takes over.
// The table code and the returning state are global secrets, found on the ROOT handle; everything after acts in
// the table's store (its Alipay app, its diners).
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { isAlipayClient } from '../../lib/alipay-user-agent.js'
import { DINER_COOKIE, OAUTH_BROWSER_COOKIE, OAUTH_BROWSER_MAX_AGE_S, phoneCookieOptions } from '../../lib/cookies.js'
import { newSecret } from '../../lib/tokens.js'
import { findTableByCodeOnRoot } from '../../repositories/tables.js'
import {
  DINER_SESSION_TTL_MS, consumeOAuthState, createDinerSession, createOAuthState, findOrCreateDiner, type AlipayIdentity,
} from '../../repositories/diners.js'
import { pageLanguage, renderPage, type PageLink, type PageName } from './pages.js'

/** Opening the table link: a phone reloads it now and then; a script scanning codes gets few tries. */
const ENTRY_RATE_LIMIT = { max: 60, timeWindow: '1 minute' }
/** Each callback costs a gateway call; a person signs in once or twice a meal. */
const CALLBACK_RATE_LIMIT = { max: 20, timeWindow: '1 minute' }

/** Table codes are 12 characters; anything much longer is not worth a query. */
const MAX_CODE_LENGTH = 64
/** `newSecret()` values are 43 characters: a longer cookie is not one of ours. */
const BROWSER_TOKEN = /^[A-Za-z0-9_-]{43}$/

const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: MAX_CODE_LENGTH }) }, { additionalProperties: false })
const EntryQuery = Type.Object({
  /** sandbox-local only: continue through the emulator's authorization page in any browser. */
  emulator: Type.Optional(Type.Literal('1')),
}, { additionalProperties: false })
// Alipay adds app_id, source, scope (and may add more) beside auth_code and state: extra fields are allowed here.
const CallbackQuery = Type.Object({
  auth_code: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  state: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
}, { additionalProperties: true })

function sendPage (request: FastifyRequest, reply: FastifyReply, status: number, name: PageName, link?: PageLink): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    // Each page depends on the cookie, the user agent and the moment: never cached.
    .header('cache-control', 'no-store')
    .send(renderPage(name, pageLanguage(request.headers['accept-language']), link))
}

const retryLink = (code: string): PageLink => ({ name: 'retry', href: `/t/${encodeURIComponent(code)}` })

const phoneEntry: FastifyPluginAsyncTypebox = async (fastify) => {
  const { config } = fastify
  const root = fastify.database.db
  const callbackUrl = `${config.publicUrl}/t/callback`

  // Errors on these routes (429, a malformed query, a bug) are pages too: a phone's browser shows them.
  fastify.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500
    if (status === 429) return sendPage(request, reply, 429, 'rate-limited')
    if (status < 500) return sendPage(request, reply, status, 'bad-request')
    request.log.error({ err: error, url: request.url }, 'phone entry failed')
    return sendPage(request, reply, 500, 'failed')
  })

  fastify.get('/:code', {
    config: { rateLimit: ENTRY_RATE_LIMIT },
    schema: { params: CodeParams, querystring: EntryQuery },
  }, async (request, reply) => {
    const { code } = request.params
    const found = await findTableByCodeOnRoot(root, code)
    if (!found) return sendPage(request, reply, 404, 'unknown-table')
    const { table } = found
    const store = await fastify.stores.get(found.storeId)
    const alipay = store.settings.alipay
    const appId = store.alipay.appId
    if (appId === null) return sendPage(request, reply, 200, 'phone-ordering-off')
    const throughEmulator = alipay.mode === 'sandbox-local' && request.query.emulator === '1'
    if (!isAlipayClient(request.headers['user-agent']) && !throughEmulator) {
      const link: PageLink | undefined = alipay.mode === 'sandbox-local'
        ? { name: 'emulator', href: `/t/${encodeURIComponent(code)}?emulator=1` }
        : undefined
      return sendPage(request, reply, 200, 'open-in-alipay', link)
    }
    // One cookie per browser, kept across tables and retries, so two open tabs do not void each other's state.
    const existing = request.cookies[OAUTH_BROWSER_COOKIE]
    const browserToken = existing !== undefined && BROWSER_TOKEN.test(existing) ? existing : newSecret()
    const state = await createOAuthState(store.db, table.id, browserToken)
    reply.setCookie(OAUTH_BROWSER_COOKIE, browserToken, phoneCookieOptions(config, OAUTH_BROWSER_MAX_AGE_S))
    const target = new URL(alipay.authUrl)
    target.searchParams.set('app_id', appId)
    target.searchParams.set('scope', 'auth_base')
    target.searchParams.set('redirect_uri', callbackUrl)
    target.searchParams.set('state', state)
    return reply.header('cache-control', 'no-store').redirect(target.href, 302)
  })

  // A static segment: find-my-way matches it before /:code (table codes are 12 characters, never "callback").
  fastify.get('/callback', {
    config: { rateLimit: CALLBACK_RATE_LIMIT },
    schema: { querystring: CallbackQuery },
  }, async (request, reply) => {
    const { auth_code: authCode, state } = request.query
    if (state === undefined) return sendPage(request, reply, 400, 'state-invalid')
    const outcome = await consumeOAuthState(root, state, request.cookies[OAUTH_BROWSER_COOKIE])
    if (!outcome.ok) {
      request.log.info({ reason: outcome.reason }, 'phone sign-in: state refused')
      return sendPage(request, reply, 400, 'state-invalid', 'tableCode' in outcome ? retryLink(outcome.tableCode) : undefined)
    }
    const retry = retryLink(outcome.tableCode)
    // The diner backed out of Alipay's page: it comes back without an auth_code.
    if (authCode === undefined) return sendPage(request, reply, 403, 'denied', retry)
    // The state was used up for a table still in use; removed since, it answers like an unknown state.
    const found = await findTableByCodeOnRoot(root, outcome.tableCode)
    if (!found) return sendPage(request, reply, 400, 'state-invalid', retry)
    const store = await fastify.stores.get(found.storeId)

    const token = await store.alipay.gateway.oauthToken({ code: authCode })
    if (token.outcome === 'unknown') {
      request.log.warn({ reason: token.reason, subCode: token.subCode }, 'phone sign-in: oauth.token outcome unknown')
      return sendPage(request, reply, 503, 'alipay-unavailable', retry)
    }
    if (token.outcome === 'failure') {
      request.log.info({ code: token.code, subCode: token.subCode }, 'phone sign-in: oauth.token refused')
      return sendPage(request, reply, 400, 'code-invalid', retry)
    }
    // Older apps are answered a user_id (2088…), newer ones an open_id: either names the diner.
    const identity: AlipayIdentity | null = token.data.userId
      ? { userId: token.data.userId }
      : token.data.openId ? { openId: token.data.openId } : null
    if (identity === null) {
      request.log.warn('phone sign-in: oauth.token answered neither user_id nor open_id')
      return sendPage(request, reply, 503, 'alipay-unavailable', retry)
    }
    const diner = await findOrCreateDiner(store.db, identity)
    const session = await createDinerSession(store.db, diner.id, outcome.tableId)
    reply.setCookie(DINER_COOKIE, session, phoneCookieOptions(config, DINER_SESSION_TTL_MS / 1000))
    return reply.header('cache-control', 'no-store').redirect(`/t/${encodeURIComponent(outcome.tableCode)}/menu`, 302)
  })
}

export default phoneEntry
