// POST /api/alipay/notify: Alipay's asynchronous notifications (form-urlencoded, verified from the raw bytes).
import type { FastifyPluginAsync } from 'fastify'
import { normalizeIP } from '@fastify/rate-limit'

/** Notifications are a few KB; anything larger is not from Alipay and is refused (413) unread. */
export const NOTIFY_BODY_LIMIT = 32 * 1024

/**
 * Per sender address and minute. Alipay sends one notification per trade change plus a few retries,
 * so a restaurant sees a handful a minute; this only stops floods. A refused notification gets 429,
 * which Alipay retries like any answer but `success`, and the reconciler's polling pays regardless.
 */
export const NOTIFY_RATE_LIMIT_PER_MINUTE = 300

const alipayRoutes: FastifyPluginAsync = async (fastify) => {
  // Raw bytes, so the charset the notification declares (GBK included) decides the decoding, once.
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer', bodyLimit: NOTIFY_BODY_LIMIT }, (_request, body, done) => {
    done(null, body)
  })

  fastify.post('/notify', {
    // For every content type, not only the form parser above.
    bodyLimit: NOTIFY_BODY_LIMIT,
    // The answer is one word.
    compress: false,
    config: { rateLimit: { max: NOTIFY_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
    let answer: 'success' | 'fail'
    try {
      // Counted like the rate limit counts: one IPv6 /64 is one sender.
      answer = await fastify.handleAlipayNotification(body, request.headers['content-type'], normalizeIP(request.ip))
    } catch (error) {
      // Not saved: answering `fail` makes Alipay send it again later.
      request.log.error({ err: error }, 'notification handling failed')
      answer = 'fail'
    }
    return reply.type('text/plain').send(answer)
  })
}

export default alipayRoutes
