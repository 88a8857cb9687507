// Test and demo controls: faults, a scan-and-pay shortcut, and a look at trades and notifications.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { Value } from 'typebox/value'
import { toAlipayAmount } from '#shared/money.js'
import { USER_ID_PATTERN, newUserId } from './ids.js'
import { SandboxFaultsInputSchema } from './options.js'
import type { Sandbox } from './sandbox.js'
import { currencyOf, refundedFen, type Trade } from './trades.js'

const OutTradeNoParams = Type.Object({ outTradeNo: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false })
const PayBody = Type.Object({ buyerId: Type.Optional(Type.String({ pattern: USER_ID_PATTERN.source })) }, { additionalProperties: false })

/** A trade as the emulator holds it (amounts as Alipay strings), for tests and the demo. */
function describe (trade: Trade): Record<string, unknown> {
  const currency = currencyOf(trade)
  return {
    outTradeNo: trade.outTradeNo,
    tradeNo: trade.tradeNo ?? null,
    kind: trade.kind,
    protocol: trade.protocol ?? 'openapi',
    state: trade.state,
    currency,
    totalAmount: toAlipayAmount(trade.amount, currency),
    refundFee: toAlipayAmount(refundedFen(trade), currency),
    subject: trade.subject,
    buyerId: trade.buyerId ?? null,
    notifyUrl: trade.notifyUrl ?? null,
    charset: trade.charset,
    deadline: new Date(trade.deadline).toISOString(),
  }
}

export function registerAdminRoutes (fastify: FastifyInstance, sandbox: Sandbox): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  app.get('/faults', async () => sandbox.faults.current)
  app.post('/faults', { schema: { body: SandboxFaultsInputSchema } }, async request => sandbox.faults.replace(request.body))
  app.delete('/faults', async () => sandbox.faults.replace(undefined))

  app.get('/trades', async () => sandbox.trades.store.all().map(describe))
  app.get('/trades/:outTradeNo', { schema: { params: OutTradeNoParams } }, async (request, reply) => {
    const trade = sandbox.trades.find({ outTradeNo: request.params.outTradeNo })
    if (trade === undefined) return reply.code(404).send({ code: 'TRADE_NOT_EXIST', message: 'no such out_trade_no' })
    return describe(trade)
  })

  // Scan and pay in one call, for tests and demos that do not open the page. The body is optional,
  // which a body schema cannot say, so it is checked here.
  app.post('/trades/:outTradeNo/pay', { schema: { params: OutTradeNoParams } }, async (request, reply) => {
    const body: unknown = request.body ?? {}
    if (!Value.Check(PayBody, body)) return reply.code(400).send({ code: 'INVALID_BODY', message: 'expected { buyerId?: "2088…" }' })
    const trade = sandbox.trades.find({ outTradeNo: request.params.outTradeNo })
    if (trade === undefined) return reply.code(404).send({ code: 'TRADE_NOT_EXIST', message: 'no such out_trade_no' })
    sandbox.trades.pay(trade, body.buyerId ?? trade.buyerId ?? newUserId())
    if (trade.state !== 'TRADE_SUCCESS' && trade.state !== 'TRADE_FINISHED') {
      return reply.code(409).send({ code: 'TRADE_NOT_PAYABLE', message: `the trade is ${trade.state}` })
    }
    return describe(trade)
  })

  // The refund window ends: TRADE_SUCCESS becomes TRADE_FINISHED (and the merchant is notified).
  app.post('/trades/:outTradeNo/finish', { schema: { params: OutTradeNoParams } }, async (request, reply) => {
    const trade = sandbox.trades.find({ outTradeNo: request.params.outTradeNo })
    if (trade === undefined) return reply.code(404).send({ code: 'TRADE_NOT_EXIST', message: 'no such out_trade_no' })
    if (!sandbox.trades.finish(trade) && trade.state !== 'TRADE_FINISHED') {
      return reply.code(409).send({ code: 'TRADE_NOT_PAID', message: `the trade is ${trade.state}` })
    }
    return describe(trade)
  })

  app.get('/notifications', async () => sandbox.notifier.records)
}
