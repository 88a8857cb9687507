// The buyer's screens: confirm a payment (Pay / Decline), and what happened after.
import type { Trade } from '../trades.js'
import { bi, escapeHtml, priceOf, renderPage } from './html.js'

export type Outcome = 'paid' | 'declined' | 'unknown' | 'closed' | 'invalid'

/** tradePay's resultCode for each outcome, read by the AlipayJSBridge shim (PROTOCOL §2.10). */
export const RESULT_CODES: Record<Outcome, string> = {
  paid: '9000',
  declined: '6001',
  unknown: '4000',
  closed: '4000',
  invalid: '4000',
}

const OUTCOME_TEXT: Record<Outcome, { en: string, zh: string }> = {
  paid: { en: 'Paid', zh: '支付成功' },
  declined: { en: 'You declined this payment. Nothing was charged.', zh: '您已取消支付，未扣款。' },
  unknown: { en: 'This payment code is not recognised.', zh: '无法识别该付款码。' },
  closed: { en: 'This trade is closed and can no longer be paid.', zh: '交易已关闭，无法支付。' },
  invalid: { en: 'This payment code is no longer valid: it was cancelled or has expired.', zh: '该付款码已失效（已撤销或已过期）。' },
}

export interface PageContext {
  merchantName: string
  /** Relative path from the page to the sandbox root. */
  root: string
  /** The cashier reports its outcome to the merchant page that framed it. */
  cashier: boolean
}

function summary (trade: Trade, ctx: PageContext): string {
  return `<p class="merchant">${escapeHtml(ctx.merchantName)}</p>
<p class="subject">${escapeHtml(trade.subject)}</p>
<p class="amount" data-testid="sandbox-amount">${priceOf(trade)}</p>`
}

/** Pay / Decline as plain forms: no script needed, and the parent's CSP allows posting to ourselves. */
export function confirmPage (trade: Trade, actionBase: string, ctx: PageContext): string {
  const action = escapeHtml(actionBase)
  return renderPage({
    title: `${ctx.merchantName} · ${trade.subject}`,
    root: ctx.root,
    content: `<div class="card" data-testid="sandbox-confirm">${summary(trade, ctx)}
<form method="post" action="${action}/pay"><button class="primary" type="submit" data-testid="sandbox-pay">${bi('Pay', '确认付款')}</button></form>
<form method="post" action="${action}/decline"><button class="secondary" type="submit" data-testid="sandbox-decline">${bi('Decline', '取消')}</button></form>
</div>`,
  })
}

export function outcomePage (outcome: Outcome, trade: Trade | undefined, ctx: PageContext): string {
  const text = OUTCOME_TEXT[outcome]
  const tone = outcome === 'paid' ? 'ok' : 'warn'
  const details = trade === undefined ? '' : summary(trade, ctx)
  const page: Parameters<typeof renderPage>[0] = {
    title: text.en,
    root: ctx.root,
    content: `<div class="card" data-testid="sandbox-result" data-result="${outcome}" data-result-code="${RESULT_CODES[outcome]}">
<p class="state ${tone}">${bi(text.en, text.zh)}</p>${details}</div>`,
  }
  if (ctx.cashier) page.scripts = ['cashier-result.js']
  return renderPage(page)
}

/** Tells the AlipayJSBridge shim in the parent page how the cashier ended. */
export const CASHIER_RESULT_JS = `(function () {
  var el = document.querySelector('[data-result-code]')
  if (!el || window.parent === window) return
  var code = el.getAttribute('data-result-code')
  // A short pause so the buyer sees the outcome before the cashier closes.
  setTimeout(function () {
    window.parent.postMessage({ source: 'alipay-sandbox-cashier', resultCode: code }, '*')
  }, 600)
})()
`
