// A standalone Fastify app with the emulator under /sandbox (npm run sandbox, and the emulator's tests).
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { SandboxOptions } from './options.js'
import { sandboxPlugin } from './plugin.js'

export const SANDBOX_PREFIX = '/sandbox'

export async function buildSandboxApp (opts: SandboxOptions, server: FastifyServerOptions = { logger: false }): Promise<FastifyInstance> {
  const app = Fastify(server)
  await app.register(sandboxPlugin, { ...opts, prefix: SANDBOX_PREFIX })
  await app.ready()
  return app
}
