// The Alipay gateway emulator as an encapsulated Fastify plugin: gateway.do (v2 and MAPI), buyer pages, OAuth, faults.
import type { FastifyPluginAsync } from 'fastify'
import { registerAdminRoutes } from './admin-routes.js'
import { registerBillRoutes } from './bill/routes.js'
import { registerGatewayRoutes } from './gateway/routes.js'
import { registerMapiRoutes } from './mapi/routes.js'
import type { SandboxOptions } from './options.js'
import { registerOAuthRoutes } from './pages/oauth-routes.js'
import { registerPaymentRoutes } from './pages/payment-routes.js'
import { registerHomePage } from './pages/home-page.js'
import { createSandbox } from './sandbox.js'

export type { SandboxFaults, SandboxFaultsInput, SandboxOptions } from './options.js'
export { sandboxKeyPair } from './keys.js'

const FORM = 'application/x-www-form-urlencoded'
const FORM_BODY_LIMIT = 1024 * 1024

/**
 * Not wrapped in fastify-plugin on purpose: its raw-body form parser and its hooks must stay inside
 * its own context, whatever the parent app does with forms.
 */
export const sandboxPlugin: FastifyPluginAsync<SandboxOptions> = async (fastify, opts) => {
  const sandbox = createSandbox(opts)

  // Signatures are checked over bytes decoded in the request's charset, so keep the body raw.
  if (fastify.hasContentTypeParser(FORM)) fastify.removeContentTypeParser(FORM)
  fastify.addContentTypeParser(FORM, { parseAs: 'buffer', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
    done(null, body)
  })

  // preClose runs before Fastify waits for in-flight requests, so held "timed out" calls are let go.
  fastify.addHook('preClose', async () => sandbox.stop())
  fastify.addHook('onClose', async () => sandbox.stop())

  registerGatewayRoutes(fastify, sandbox)
  registerMapiRoutes(fastify, sandbox)
  registerPaymentRoutes(fastify, sandbox)
  registerOAuthRoutes(fastify, sandbox)
  registerAdminRoutes(fastify, sandbox)
  registerBillRoutes(fastify, sandbox)
  registerHomePage(fastify, sandbox)
}
