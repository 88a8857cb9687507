// Rate limiting, off by default and switched on per route (staff login, pairing, 404 probing).
import rateLimit from '@fastify/rate-limit'
import fp from 'fastify-plugin'
import { ErrorCodeEnum } from '#shared/error-codes.js'

export default fp(async (fastify) => {
  await fastify.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: context.statusCode,
      code: ErrorCodeEnum.RATE_LIMITED,
      message: `Too many attempts. Try again in ${Math.ceil(context.ttl / 1000)} s.`,
    }),
  })
}, { name: 'rate-limit' })
