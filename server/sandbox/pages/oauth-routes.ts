// The Alipay authorization page (auth_base / auth_user): Allow sends the buyer back with a single-use auth_code.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Sandbox } from '../sandbox.js'
import { isIdAnswer, type IdAnswer } from '../oauth.js'
import { bi, buyerOf, escapeHtml, renderPage, sendPage, switchBuyer } from './html.js'
import { JSBRIDGE_JS } from './jsbridge.js'

interface AuthorizeQuery {
  app_id?: string
  scope?: string
  redirect_uri?: string
  state?: string
  /** The emulator's own: which ids oauth.token answers for this code (default both). */
  answer?: string
  /** The emulator's own: `new` signs this browser in as another emulated buyer. */
  buyer?: string
}

/** The merchant's parameters, carried from the page to its links (the emulator's own are set per link). */
function merchantQuery (query: AuthorizeQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams()
  for (const key of ['app_id', 'scope', 'redirect_uri', 'state'] as const) {
    const value = query[key]
    if (value !== undefined) params.set(key, value)
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value)
  return `?${params.toString()}`
}

/** The choices a tester has on the page: one buyer, answered by the ids of either kind of app. */
const ALLOW_LINKS: ReadonlyArray<{ answer: IdAnswer, testId: string, en: string, zh: string }> = [
  { answer: 'both', testId: 'sandbox-oauth-allow', en: 'Allow', zh: '同意' },
  { answer: 'user_id', testId: 'sandbox-oauth-allow-user-id', en: 'Allow (answer user_id only)', zh: '同意（仅返回 user_id）' },
  { answer: 'open_id', testId: 'sandbox-oauth-allow-open-id', en: 'Allow (answer open_id only)', zh: '同意（仅返回 open_id）' },
]

const SCOPES = new Set(['auth_base', 'auth_user'])

function problemOf (sandbox: Sandbox, query: AuthorizeQuery): string | undefined {
  if (query.app_id !== sandbox.appId) return 'app_id'
  if (query.scope !== undefined && !query.scope.split(',').every(scope => SCOPES.has(scope))) return 'scope'
  try {
    const target = new URL(query.redirect_uri ?? '')
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return 'redirect_uri'
  } catch {
    return 'redirect_uri'
  }
  return undefined
}

function errorPage (reply: FastifyReply, param: string): FastifyReply {
  return sendPage(reply, renderPage({
    title: 'Authorization error',
    content: `<div class="card" data-testid="sandbox-result" data-result="error"><p class="state warn">${bi(`Invalid ${param}`, `参数 ${param} 无效`)}</p></div>`,
  }), 400)
}

export function registerOAuthRoutes (fastify: FastifyInstance, sandbox: Sandbox): void {
  const authorize = async (request: FastifyRequest<{ Querystring: AuthorizeQuery }>, reply: FastifyReply): Promise<FastifyReply> => {
    const problem = problemOf(sandbox, request.query)
    if (problem !== undefined) return errorPage(reply, problem)
    const query = request.query
    const buyerId = query.buyer === 'new' ? switchBuyer(reply) : buyerOf(request, reply)
    const allow = ALLOW_LINKS.map(link =>
      `<p><a class="button ${link.answer === 'both' ? 'primary' : 'secondary'}" href="allow${escapeHtml(merchantQuery(query, { answer: link.answer }))}" data-testid="${link.testId}">${bi(link.en, link.zh)}</a></p>`).join('\n')
    return sendPage(reply, renderPage({
      title: 'Alipay authorization',
      content: `<div class="card" data-testid="sandbox-oauth">
<p class="merchant">${escapeHtml(sandbox.merchantName)}</p>
<p class="state">${bi('wants to know your Alipay user ID', '申请获取你的支付宝用户标识')}</p>
<p class="subject">${bi('Signed in as', '当前账号')} <span data-testid="sandbox-oauth-buyer">${escapeHtml(buyerId)}</span></p>
${allow}
<p><a class="button secondary" href="${escapeHtml(merchantQuery(query, { buyer: 'new' }))}" data-testid="sandbox-oauth-switch-buyer">${bi('Use another Alipay account', '切换支付宝账号')}</a></p>
<p><a class="button secondary" href="deny${escapeHtml(merchantQuery(query))}" data-testid="sandbox-oauth-deny">${bi('Cancel', '取消')}</a></p>
</div>`,
    }))
  }
  fastify.get('/oauth/authorize', authorize)
  // The real host's path, so a client only swaps the origin to reach the emulator.
  fastify.get('/oauth2/publicAppAuthorize.htm', authorize)

  // A link, not a form: a redirect after a form post would need the merchant's origin in our form-action.
  const allow = async (request: FastifyRequest<{ Querystring: AuthorizeQuery }>, reply: FastifyReply): Promise<FastifyReply> => {
    const query = request.query
    const problem = problemOf(sandbox, query)
    if (problem !== undefined) return errorPage(reply, problem)
    const target = new URL(query.redirect_uri ?? '')
    const answer: IdAnswer = isIdAnswer(query.answer) ? query.answer : 'both'
    target.searchParams.set('auth_code', sandbox.oauth.mintCode(buyerOf(request, reply), answer))
    target.searchParams.set('app_id', sandbox.appId)
    target.searchParams.set('source', 'alipay_wallet')
    target.searchParams.set('scope', query.scope ?? 'auth_base')
    if (query.state !== undefined) target.searchParams.set('state', query.state)
    return reply.header('cache-control', 'no-store').redirect(target.href, 302)
  }
  fastify.get('/oauth/allow', allow)
  fastify.get('/oauth2/allow', allow)

  // The buyer backs out: the emulator goes back to the merchant without an auth_code, so its refusal path can be tested.
  const deny = async (request: FastifyRequest<{ Querystring: AuthorizeQuery }>, reply: FastifyReply): Promise<FastifyReply> => {
    const query = request.query
    const problem = problemOf(sandbox, query)
    if (problem !== undefined) return errorPage(reply, problem)
    const target = new URL(query.redirect_uri ?? '')
    target.searchParams.set('app_id', sandbox.appId)
    if (query.state !== undefined) target.searchParams.set('state', query.state)
    return reply.header('cache-control', 'no-store').redirect(target.href, 302)
  }
  fastify.get('/oauth/deny', deny)
  fastify.get('/oauth2/deny', deny)

  fastify.get('/jsbridge.js', async (_request, reply) =>
    reply.header('content-type', 'application/javascript; charset=utf-8').header('cache-control', 'no-cache').send(JSBRIDGE_JS))
}
