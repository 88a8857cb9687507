// /api/staff/lockouts: managers see which addresses are locked out after wrong PINs, and let one in again.
// The lockouts are the whole database's (per client address, whichever store's login failed): with several stores
// one store's manager would see other restaurants' addresses and lift their guard, so only the chain's owner may.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { NoBodySchema, errorResponses } from '../../../../lib/route-schemas.js'
import { NotFoundError } from '../../../../errors.js'
import { holdsSeveralStores } from '../../../../repositories/stores.js'
import { StaffLockoutParamsSchema, StaffLockoutSchema } from '#shared/schemas/staff.js'

const lockouts: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (await holdsSeveralStores(fastify.database.db)) await fastify.requireOwner(request, reply)
    else await fastify.requireManager(request, reply)
  })
  const failures = fastify.staffLoginFailures

  fastify.get('/', {
    schema: { response: { 200: Type.Array(StaffLockoutSchema), ...errorResponses(401, 403) } },
  }, async (request) => (await failures.blocked())
    .map(({ key, failures: count, retryAfterS }) => ({ address: key, failures: count, retryAfterS, thisDevice: key === request.ip })))

  fastify.delete('/:address', {
    schema: {
      params: StaffLockoutParamsSchema,
      body: NoBodySchema,
      response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 413, 415) },
    },
  }, async (request, reply) => {
    if (!await failures.clear(request.params.address)) throw new NotFoundError('Lockout')
    // Who let whom in stays on record: a lifted lockout is also a lifted guard against guessing.
    request.log.info({ address: request.params.address, by: request.staff!.id }, 'login lockout lifted')
    return reply.code(204).send(null)
  })
}

export default lockouts
