// Every route plugin and its URL prefix. One resource per folder under routes/api/.
import type { FastifyPluginAsync } from 'fastify'
import health from './api/health/index.js'

const routes: FastifyPluginAsync = async (fastify) => {
  await fastify.register(health, { prefix: '/api/health' })
}

export default routes
