// Rate limiting, off by default and switched on per route (staff login, pairing, 404 probing). On PostgreSQL the
// counts live in the database, so several processes behind a load balancer share each client's budget.
import rateLimit from '@fastify/rate-limit'
import fp from 'fastify-plugin'
import { databaseRateLimitStore } from '../../lib/database-rate-limit-store.js'
import { ErrorCodeEnum } from '#shared/error-codes.js'

export default fp(async (fastify) => {
  await fastify.register(rateLimit, {
    global: false,
    // The database plugin registers later (the error handler needs rate limits first): the store reads
    // fastify.db only when a request is counted.
    ...(fastify.config.databaseUrl ? { store: databaseRateLimitStore(() => fastify.db) } : {}),
    errorResponseBuilder: (_request, context) => ({
      statusCode: context.statusCode,
      code: ErrorCodeEnum.RATE_LIMITED,
      message: `Too many attempts. Try again in ${Math.ceil(context.ttl / 1000)} s.`,
    }),
  })
}, { name: 'rate-limit', dependencies: ['config'] })
