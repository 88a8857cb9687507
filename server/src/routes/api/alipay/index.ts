// POST /api/alipay/notify: Alipay's asynchronous notifications (form-urlencoded, verified from the raw bytes).
import type { FastifyPluginAsync } from 'fastify'

/** Notifications are a few KB; anything larger is not from Alipay. */
const NOTIFY_BODY_LIMIT = 32 * 1024

const alipayRoutes: FastifyPluginAsync = async (fastify) => {
  // Raw bytes, so the charset the notification declares (GBK included) decides the decoding, once.
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer', bodyLimit: NOTIFY_BODY_LIMIT }, (_request, body, done) => {
    done(null, body)
  })

  fastify.post('/notify', async (request, reply) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
    let answer: 'success' | 'fail'
    try {
      answer = await fastify.handleAlipayNotification(body, request.headers['content-type'])
    } catch (error) {
      // Not saved: answering `fail` makes Alipay send it again later.
      request.log.error({ err: error }, 'notification handling failed')
      answer = 'fail'
    }
    return reply.type('text/plain').send(answer)
  })
}

export default alipayRoutes
