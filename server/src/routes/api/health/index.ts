// GET /api/health: liveness plus what a support call needs to know first.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { APP_VERSION } from '../../../lib/version.js'

const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  version: Type.String(),
  alipayMode: Type.String(),
  /** `openapi` or `global`: which of Alipay's protocols the payments go through. */
  alipayProtocol: Type.String(),
})

const health: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/', { schema: { response: { 200: HealthSchema } } }, async () => ({
    status: 'ok' as const,
    version: APP_VERSION,
    alipayMode: fastify.config.alipay.mode,
    alipayProtocol: fastify.config.alipay.protocol,
  }))
}

export default health
