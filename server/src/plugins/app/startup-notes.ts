// Lines other plugins want printed once the server listens (a generated PIN, sandbox keys …).
import fp from 'fastify-plugin'

declare module 'fastify' {
  interface FastifyInstance {
    startupNotes: string[]
  }
}

export default fp(async (fastify) => {
  fastify.decorate('startupNotes', [] as string[])
}, { name: 'startup-notes' })
