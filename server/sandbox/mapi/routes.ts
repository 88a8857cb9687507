// GET/POST /mapi/gateway.do: the Alipay Global MAPI gateway — notify_verify, common checks, faults, then the service.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { holdAnswer } from '../lost-answer.js'
import { readGatewayParams } from '../gateway/params.js'
import type { Sandbox } from '../sandbox.js'
import { checkMapiParams } from './check.js'
import { SERVICES } from './services/index.js'
import { resultUnknown, type ServiceResult } from './services/context.js'
import { mapiSignContent, signMapiAsync, type MapiKeys, type MapiSignType } from './signing.js'
import { errorXml, successXml, type XmlBody } from './xml.js'

const send = (reply: FastifyReply, body: XmlBody): FastifyReply =>
  reply.header('content-type', body.contentType).send(body.bytes)

export function registerMapiRoutes (fastify: FastifyInstance, sandbox: Sandbox): void {
  const keys: MapiKeys = { md5Key: sandbox.md5Key, merchantKey: sandbox.merchantKey, alipayKey: sandbox.alipayKey }

  async function render (params: Record<string, string>, result: ServiceResult, signType: MapiSignType, charset: string, encoding: string): Promise<XmlBody> {
    if (!result.ok) return errorXml(result.error, charset, encoding)
    const sign = await signMapiAsync(mapiSignContent(result.response), signType, keys, encoding)
    return successXml({ request: params, response: result.response, sign, signType, charset, encoding })
  }

  async function handle (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const read = readGatewayParams(request.raw.url ?? '', request.body, '_input_charset')
    if (!read.ok) return send(reply, errorXml(read.subCode === 'isv.invalid-charset' ? 'ILLEGAL_CHARSET' : 'ILLEGAL_ARGUMENT'))
    const { params, encoding } = read
    // Answers are written in the charset the request named; refusals of a request that named none in UTF-8.
    const charset = params._input_charset === undefined ? 'UTF-8' : read.charset
    const answerEncoding = params._input_charset === undefined ? 'utf-8' : encoding
    const service = params.service ?? ''

    // Unsigned and outside the fault injection: it only says whether a notify_id came from here.
    if (service === 'notify_verify') {
      const genuine = params.partner === sandbox.partnerId && sandbox.notifier.sent(params.notify_id ?? '')
      return reply.header('content-type', 'text/plain; charset=utf-8').send(genuine ? 'true' : 'false')
    }

    const latency = sandbox.faults.latencyFor(service)
    if (latency > 0) await sandbox.scheduler.sleep(latency)

    const checked = checkMapiParams(params, {
      partnerId: sandbox.partnerId,
      keys,
      isService: name => SERVICES.has(name),
      needsTimestamp: name => SERVICES.get(name)?.needsTimestamp ?? false,
      now: sandbox.now(),
      encoding,
    })
    if (!checked.ok) {
      request.log.info({ service, error: checked.error, detail: checked.detail }, 'sandbox MAPI gateway refused a call')
      return send(reply, errorXml(checked.error, charset, answerEncoding))
    }
    const { signType } = checked
    const spec = SERVICES.get(service)
    if (spec === undefined) throw new Error(`sandbox: service ${service} passed the checks but has no handler`)

    const fault = sandbox.faults.gatewayFault(service)
    if (fault === 'unavailable') return send(reply, errorXml('SYSTEM_ERROR', charset, encoding))
    if (fault === 'system-error') {
      const retry = service === 'alipay.acquire.cancel' ? { retry_flag: 'Y' } : {}
      return send(reply, await render(params, resultUnknown('SYSTEM_ERROR', 'system error', retry), signType, charset, encoding))
    }

    const result = spec.run({
      params,
      signType,
      charset,
      encoding,
      trades: sandbox.trades,
      partnerId: sandbox.partnerId,
      publicUrl: sandbox.publicUrl,
    })
    request.log.info({ service, resultCode: result.ok ? result.response.result_code : undefined, error: result.ok ? result.response.error : result.error, fault }, 'sandbox MAPI gateway call')

    if (fault === 'timeout' && await holdAnswer(sandbox, reply)) return reply
    return send(reply, await render(params, result, signType, charset, encoding))
  }

  fastify.route({ method: ['GET', 'POST'], url: '/mapi/gateway.do', handler: handle })
}
