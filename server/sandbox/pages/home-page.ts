// GET /sandbox/: the emulator's front page — recent trades with their state in plain words, each payable QR openable
// as "the diner's phone" for demos without one.
import type { FastifyInstance } from 'fastify'
import type { Sandbox } from '../sandbox.js'
import type { Trade } from '../trades.js'
import { bi, escapeHtml, priceOf, renderPage, sendPage } from './html.js'
import { TRADE_STATE_WORDS } from './trade-states.js'

/** The newest trades are what a demo is looking for. */
const SHOWN = 20

function stateText (trade: Trade): string {
  const words = TRADE_STATE_WORDS[trade.state]
  const alipay = words.alipay ? ` <span class="code">${bi('Alipay', '支付宝')}: <code>${words.alipay}</code></span>` : ''
  return `<p class="trade-state" data-testid="sandbox-trade-state"><strong>${bi(words.en, words.zh)}</strong>${alipay}</p>
<p class="explain">${bi(words.explainEn, words.explainZh)}</p>`
}

function row (trade: Trade): string {
  const open = trade.qrToken !== undefined && (trade.state === 'WAIT_BUYER_PAY' || trade.state === 'QR_ONLY')
  const link = open ? `<a class="button primary" href="scan/${encodeURIComponent(trade.qrToken!)}" data-testid="sandbox-open-scan">${bi('Open as the diner\'s phone', '以顾客手机打开')}</a>` : ''
  return `<div class="card" style="margin-bottom:12px;text-align:left" data-testid="sandbox-trade" data-state="${escapeHtml(trade.state)}">
<p class="merchant">${escapeHtml(trade.subject)} · <code>${escapeHtml(trade.outTradeNo)}</code></p>
<p class="state">${priceOf(trade)}</p>${stateText(trade)}${link}</div>`
}

export function registerHomePage (fastify: FastifyInstance, sandbox: Sandbox): void {
  fastify.get('/', async (_request, reply) => {
    const trades = sandbox.trades.store.all().sort((a, b) => b.createdAt - a.createdAt).slice(0, SHOWN)
    const list = trades.length > 0
      ? trades.map(row).join('')
      : `<div class="card"><p>${bi('No trades yet: place an order on a tablet and start paying.', '暂无交易：请在平板上下单并开始支付。')}</p></div>`
    return sendPage(reply, renderPage({
      title: `${sandbox.merchantName} · Alipay sandbox`,
      content: `<h1 style="font-size:20px">${bi('Recent trades', '最近交易')}</h1>${list}`,
    }))
  })
}
