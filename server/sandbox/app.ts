// A standalone Fastify app with the emulator under /sandbox (npm run sandbox, and the emulator's tests).
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { SandboxOptions } from './options.js'
import { sandboxPlugin } from './plugin.js'

export const SANDBOX_PREFIX = '/sandbox'

/** Unknown fields are refused, not stripped, as everywhere in Tablepad (Fastify strips them by default). */
const AJV = { customOptions: { removeAdditional: false } } as const

export async function buildSandboxApp (opts: SandboxOptions, server: FastifyServerOptions = { logger: false }): Promise<FastifyInstance> {
  const app = Fastify({ ajv: AJV, ...server })
  await app.register(sandboxPlugin, { ...opts, prefix: SANDBOX_PREFIX })
  await app.ready()
  return app
}
