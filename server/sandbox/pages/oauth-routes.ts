// The Alipay authorization page (auth_base / auth_user): Allow sends the buyer back with a single-use auth_code.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Sandbox } from '../sandbox.js'
import { bi, buyerOf, escapeHtml, renderPage, sendPage } from './html.js'
import { JSBRIDGE_JS } from './jsbridge.js'

interface AuthorizeQuery {
  app_id?: string
  scope?: string
  redirect_uri?: string
  state?: string
}

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
    buyerOf(request, reply)
    const url = request.raw.url ?? ''
    const query = url.includes('?') ? url.slice(url.indexOf('?')) : ''
    return sendPage(reply, renderPage({
      title: 'Alipay authorization',
      content: `<div class="card" data-testid="sandbox-oauth">
<p class="merchant">${escapeHtml(sandbox.merchantName)}</p>
<p class="state">${bi('wants to know your Alipay user ID', '申请获取你的支付宝用户标识')}</p>
<a class="button primary" href="allow${escapeHtml(query)}" data-testid="sandbox-oauth-allow">${bi('Allow', '同意')}</a>
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
    target.searchParams.set('auth_code', sandbox.oauth.mintCode(buyerOf(request, reply)))
    target.searchParams.set('app_id', sandbox.appId)
    target.searchParams.set('source', 'alipay_wallet')
    target.searchParams.set('scope', query.scope ?? 'auth_base')
    if (query.state !== undefined) target.searchParams.set('state', query.state)
    return reply.header('cache-control', 'no-store').redirect(target.href, 302)
  }
  fastify.get('/oauth/allow', allow)
  fastify.get('/oauth2/allow', allow)

  fastify.get('/jsbridge.js', async (_request, reply) =>
    reply.header('content-type', 'application/javascript; charset=utf-8').header('cache-control', 'no-cache').send(JSBRIDGE_JS))
}
