// POST /gateway.do: the Open Platform v2 gateway — common checks, faults, then the method itself.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Sandbox } from '../sandbox.js'
import type { SignType } from '../signing.js'
import { failure, nodeName, renderAnswerAsync, type Answer } from './answer.js'
import { checkCommonParams } from './check.js'
import { METHODS } from './methods/index.js'
import { answer, businessFailure, invalid } from './methods/context.js'
import { acq } from '../codes.js'
import { readGatewayParams } from './params.js'
import { holdAnswer } from '../lost-answer.js'


function parseBizContent (text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined || text === '') return undefined
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined
  } catch {
    return undefined
  }
}

export function registerGatewayRoutes (fastify: FastifyInstance, sandbox: Sandbox): void {
  const render = (result: Answer, method: string | undefined, signType: SignType | undefined): Promise<string> => {
    const name = result.place === 'error' || method === undefined ? 'error_response' : nodeName(method)
    const signer = result.signed ? { key: sandbox.alipayKey, signType: signType ?? 'RSA2' } : undefined
    return renderAnswerAsync(name, result.node, signer)
  }

  async function handle (request: FastifyRequest, reply: FastifyReply): Promise<string | FastifyReply> {
    reply.header('content-type', 'application/json;charset=utf-8')
    const read = readGatewayParams(request.raw.url ?? '', request.body)
    if (!read.ok) return render({ place: 'error', node: failure(40002, read.subCode, read.subMsg), signed: false }, undefined, undefined)
    const { params, charset, encoding } = read

    const latency = sandbox.faults.latencyFor(params.method ?? '')
    if (latency > 0) await sandbox.scheduler.sleep(latency)

    const checked = checkCommonParams(params, {
      appId: sandbox.appId,
      merchantKey: sandbox.merchantKey,
      isMethod: method => METHODS.has(method),
      now: sandbox.now(),
      encoding,
    })
    if (!checked.ok) {
      request.log.info({ method: checked.method, subCode: checked.answer.node.sub_code }, 'sandbox gateway refused a call')
      return render(checked.answer, checked.method, checked.signType)
    }
    const { method, signType } = checked
    const spec = METHODS.get(method)
    if (spec === undefined) throw new Error(`sandbox: method ${method} passed the checks but has no handler`)

    const fault = sandbox.faults.gatewayFault(method)
    if (fault === 'unavailable') {
      return render(answer(failure(20000, 'isp.unknow-error', '系统繁忙')), method, signType)
    }
    if (fault === 'system-error') {
      const retry = method === 'alipay.trade.cancel' ? { retry_flag: 'Y' } : {}
      return render(businessFailure(acq('ACQ.SYSTEM_ERROR'), retry), method, signType)
    }

    const biz = parseBizContent(params.biz_content)
    const result = spec.needsBizContent && biz === undefined
      ? businessFailure(invalid('biz_content缺失或不是JSON对象'))
      : spec.run({
        params,
        biz: biz ?? {},
        signType,
        charset,
        encoding,
        trades: sandbox.trades,
        oauth: sandbox.oauth,
        sellerId: sandbox.sellerId,
        publicUrl: sandbox.publicUrl,
        baseUrl: `${request.protocol}://${request.host}${fastify.prefix}`,
        bills: sandbox.bills,
      })
    request.log.info({ method, code: result.node.code, subCode: result.node.sub_code, fault }, 'sandbox gateway call')

    if (fault === 'timeout' && await holdAnswer(sandbox, reply)) return reply
    return render(result, method, signType)
  }

  fastify.route({ method: ['GET', 'POST'], url: '/gateway.do', handler: handle })
}
