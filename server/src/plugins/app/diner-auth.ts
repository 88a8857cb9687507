// Identifies the diner behind a phone's request by its tp_diner cookie; routes opt in with a preHandler. The session
// is found on the ROOT handle (its token is a global secret); the request then acts in its table's store.
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { DINER_COOKIE } from '../../lib/cookies.js'
import { findDinerSession, type DinerSession } from '../../repositories/diners.js'
import { DinerSessionExpiredError } from '../../errors.js'

declare module 'fastify' {
  interface FastifyRequest {
    diner: DinerSession | null
  }
  interface FastifyInstance {
    /** 401 DINER_SESSION_EXPIRED when the cookie is missing, unknown, expired or of a removed table. */
    requireDiner: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
    findDinerByToken: (token: string | undefined) => Promise<DinerSession | null>
  }
}

export default fp(async (fastify) => {
  async function dinerOfToken (token: string | undefined): Promise<DinerSession | null> {
    if (!token || token.length > 200) return null
    return findDinerSession(fastify.database.db, token)
  }

  fastify.decorateRequest('diner', null)
  fastify.decorate('findDinerByToken', dinerOfToken)

  fastify.decorate('requireDiner', async (request: FastifyRequest) => {
    const diner = await dinerOfToken(request.cookies[DINER_COOKIE])
    // One code for every case: the phone page answers each by reloading /t/<code>, which authorizes again.
    if (!diner) throw new DinerSessionExpiredError()
    request.diner = diner
    request.store = await fastify.stores.get(diner.storeId)
  })
}, { name: 'diner-auth', dependencies: ['database'] })
