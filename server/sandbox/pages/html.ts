// The emulator's "Alipay app" pages: one small mobile layout, bilingual labels, no external resources.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { decimalsOf, formatMoney } from '#shared/money.js'
import { newUserId, USER_ID_PATTERN } from '../ids.js'
import { currencyOf, type Trade } from '../trades.js'

/** Our own CSP: the parent's helmet default forbids inline styles, and these pages need nothing else. */
function csp (withScript: boolean): string {
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    withScript ? "script-src 'self'" : "script-src 'none'",
    "img-src 'self' data:",
    "form-action 'self'",
    "base-uri 'none'",
    // The cashier is framed by the merchant's page (the AlipayJSBridge shim), possibly from another port.
    'frame-ancestors *',
  ].join('; ')
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml (text: string): string {
  return text.replace(/[&<>"']/g, char => ENTITIES[char] ?? char)
}

/** "English 中文" in one label. */
export const bi = (en: string, zh: string): string =>
  `<span lang="zh-CN">${escapeHtml(zh)}</span> <span lang="en">${escapeHtml(en)}</span>`

/**
 * A trade's amount in its own currency, for the buyer's eyes. Other currencies than CNY get their full
 * symbol (HK$, US$, JP¥), since a traveller's "$" or "¥" alone could be any of several.
 */
export function priceOf (trade: Trade): string {
  const currency = currencyOf(trade)
  if (currency === 'CNY') return escapeHtml(formatMoney(trade.amount, currency, 'zh-CN'))
  const digits = decimalsOf(currency)
  const text = new Intl.NumberFormat('zh-CN', { style: 'currency', currency, currencyDisplay: 'symbol', minimumFractionDigits: digits, maximumFractionDigits: digits })
    .format(trade.amount / 10 ** digits)
  return escapeHtml(text)
}

// Colours meet WCAG AA contrast (4.5:1) for their text: Alipay's blue a shade darker, greys no lighter than #595959.
const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f5f5f5;color:#222}
header{background:#0958d9;color:#fff;padding:14px 16px;font-weight:600}
header small{font-weight:400;margin-left:6px}
main{max-width:480px;margin:0 auto;padding:16px}
.card{background:#fff;border-radius:12px;padding:20px;box-shadow:0 1px 3px rgba(0,0,0,.08);text-align:center}
.merchant{color:#666;margin:0}
.subject{margin:6px 0 0}
.amount{font-size:40px;font-weight:700;margin:12px 0 20px}
form{margin:10px 0 0}
button,.button{display:block;width:100%;padding:14px;border:0;border-radius:8px;font-size:17px;cursor:pointer;text-decoration:none;text-align:center}
.primary{background:#0958d9;color:#fff}
.secondary{background:#eef0f3;color:#333}
.state{font-size:22px;font-weight:600;margin:8px 0}
.ok{color:#15803d}.warn{color:#c2410c}
.note{color:#595959;font-size:13px;margin-top:18px;text-align:center}
.trade-state{margin:4px 0}.code{color:#595959;font-size:13px;margin-left:6px}.explain{color:#595959;font-size:14px;margin:0 0 10px}
`

export interface PageOptions {
  title: string
  content: string
  /** Relative path from this page to the sandbox root, for the scripts it loads. */
  root?: string
  scripts?: string[]
}

export function renderPage (opts: PageOptions): string {
  const scripts = (opts.scripts ?? []).map(src => `<script src="${escapeHtml(`${opts.root ?? ''}${src}`)}"></script>`).join('')
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,">
<title>${escapeHtml(opts.title)}</title><style>${STYLE}</style></head>
<body><header>支付宝 Alipay<small>${bi('sandbox', '沙箱')}</small></header>
<main>${opts.content}<p class="note">${bi('Sandbox: no real money moves.', '沙箱环境，不产生真实交易。')}</p></main>${scripts}</body></html>`
}

export function sendPage (reply: FastifyReply, html: string, status = 200, withScript = false): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', csp(withScript))
    .header('cache-control', 'no-store')
    .send(html)
}

const BUYER_COOKIE = 'sandbox_buyer'

/** The emulated Alipay account on this phone or browser: kept in a cookie so a phone stays one buyer. */
export function buyerOf (request: FastifyRequest, reply: FastifyReply): string {
  const header = request.headers.cookie ?? ''
  const match = new RegExp(`(?:^|;\\s*)${BUYER_COOKIE}=(\\d+)`).exec(header)
  const existing = match?.[1]
  if (existing !== undefined && USER_ID_PATTERN.test(existing)) return existing
  return switchBuyer(reply)
}

/** A new emulated Alipay account on this browser (a tester plays another diner without another browser). */
export function switchBuyer (reply: FastifyReply): string {
  const buyerId = newUserId()
  reply.header('set-cookie', `${BUYER_COOKIE}=${buyerId}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly`)
  return buyerId
}
