// What a buyer's phone does: open a scanned qr_code (/scan) or the tradePay cashier (/cashier), then pay or decline.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Sandbox } from '../sandbox.js'
import type { Trade } from '../trades.js'
import { buyerOf, sendPage } from './html.js'
import { CASHIER_RESULT_JS, confirmPage, outcomePage, type Outcome, type PageContext } from './payment-pages.js'

interface IdParams { id: string }

/** What the buyer sees of a trade that cannot be paid (any more). */
function blocked (trade: Trade | undefined): { outcome: Outcome, status: number } | undefined {
  if (trade === undefined) return { outcome: 'unknown', status: 404 }
  if (trade.state === 'LOCKED') return { outcome: 'invalid', status: 410 }
  if (trade.state === 'TRADE_CLOSED') return { outcome: 'closed', status: 410 }
  return undefined
}

const isPaid = (trade: Trade): boolean => trade.state === 'TRADE_SUCCESS' || trade.state === 'TRADE_FINISHED'

export function registerPaymentRoutes (fastify: FastifyInstance, sandbox: Sandbox): void {
  const flows = [
    { path: 'scan', cashier: false, find: (id: string) => sandbox.trades.byToken(id) },
    { path: 'cashier', cashier: true, find: (id: string) => sandbox.trades.find({ tradeNo: id }) },
  ] as const

  for (const flow of flows) {
    const context = (depth: number): PageContext =>
      ({ merchantName: sandbox.merchantName, root: '../'.repeat(depth), cashier: flow.cashier })

    // Opening a qr_code is the scan: from now on Alipay has a trade waiting for this buyer.
    fastify.get<{ Params: IdParams }>(`/${flow.path}/:id`, async (request, reply) => {
      const ctx = context(1)
      const trade = flow.find(request.params.id)
      if (trade !== undefined) sandbox.trades.scan(trade, buyerOf(request, reply))
      const stop = blocked(trade)
      if (stop !== undefined || trade === undefined) return sendPage(reply, outcomePage(stop?.outcome ?? 'unknown', trade, ctx), stop?.status ?? 404, flow.cashier)
      if (isPaid(trade)) return sendPage(reply, outcomePage('paid', trade, ctx), 200, flow.cashier)
      return sendPage(reply, confirmPage(trade, encodeURIComponent(request.params.id), ctx))
    })

    fastify.post<{ Params: IdParams }>(`/${flow.path}/:id/pay`, async (request, reply) => {
      const ctx = context(2)
      const trade = flow.find(request.params.id)
      if (trade !== undefined) sandbox.trades.pay(trade, buyerOf(request, reply))
      return answerAfter(reply, trade, 'paid', ctx)
    })

    // The buyer walks away: the trade waits, as in Alipay, until the merchant's timeout or cancel closes it.
    fastify.post<{ Params: IdParams }>(`/${flow.path}/:id/decline`, async (request, reply) => {
      const trade = flow.find(request.params.id)
      return answerAfter(reply, trade, 'declined', context(2))
    })
  }

  fastify.get('/cashier-result.js', async (_request: FastifyRequest, reply: FastifyReply) =>
    reply.header('content-type', 'application/javascript; charset=utf-8').header('cache-control', 'no-cache').send(CASHIER_RESULT_JS))

  function answerAfter (reply: FastifyReply, trade: Trade | undefined, wanted: 'paid' | 'declined', ctx: PageContext): FastifyReply {
    const stop = blocked(trade)
    if (stop !== undefined || trade === undefined) return sendPage(reply, outcomePage(stop?.outcome ?? 'unknown', trade, ctx), stop?.status ?? 404, ctx.cashier)
    // Paying twice, or declining after paying, changes nothing: the page says it is paid.
    const outcome: Outcome = isPaid(trade) ? 'paid' : wanted === 'paid' ? 'unknown' : 'declined'
    return sendPage(reply, outcomePage(outcome, trade, ctx), outcome === 'unknown' ? 409 : 200, ctx.cashier)
  }
}
