// /api/staff/session: log in with a PIN, read who is logged in, log out.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { STAFF_COOKIE, STAFF_SESSION_MAX_AGE_S, cookieOptions } from '../../../../lib/cookies.js'
import { newSecret } from '../../../../lib/tokens.js'
import { NoBodySchema, errorResponses } from '../../../../lib/route-schemas.js'
import { createSession, deleteSession, findStaffByPin } from '../../../../repositories/staff.js'
import { InvalidPinError } from '../../../../errors.js'
import { StaffLoginSchema, StaffSessionSchema, type StaffStore } from '#shared/schemas/staff.js'

export { LOGIN_FAILURES_PER_MINUTE } from '../../../../plugins/app/staff-auth.js'

const session: FastifyPluginAsyncTypebox = async (fastify) => {
  // The console reads the store's zone and currency here, once, before any report answers.
  const { name, currency, timezone } = fastify.config.store
  const store: StaffStore = { name, currency, timezone }
  // Shared with /api/staff/lockouts, where a manager lets a locked-out colleague in.
  const failures = fastify.staffLoginFailures

  fastify.post('/', {
    // Every attempt costs one scrypt per staff member: cap all attempts too, not only wrong ones.
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    // Checked before the body is parsed, so no body shape (bad JSON, wrong type) slips past the limit.
    onRequest: async (request, reply) => { await failures.guard(request.ip, reply) },
    schema: {
      body: StaffLoginSchema,
      response: { 200: StaffSessionSchema, ...errorResponses(400, 401, 413, 415, 429) },
    },
  }, async (request, reply) => {
    const staff = await findStaffByPin(fastify.db, request.body.pin)
    if (!staff) {
      await failures.fail(request.ip)
      throw new InvalidPinError()
    }
    const token = newSecret()
    await createSession(fastify.db, staff.id, token, STAFF_SESSION_MAX_AGE_S)
    reply.setCookie(STAFF_COOKIE, token, cookieOptions(fastify.config, STAFF_SESSION_MAX_AGE_S))
    return { staff, store }
  })

  fastify.get('/', {
    preHandler: fastify.requireStaff,
    schema: { response: { 200: StaffSessionSchema, ...errorResponses(401) } },
  }, async (request) => ({ staff: request.staff!, store }))

  fastify.delete('/', {
    schema: { body: NoBodySchema, response: { 204: Type.Null(), ...errorResponses(400, 413, 415) } },
  }, async (request, reply) => {
    // Logging out always succeeds, so a console with a stale cookie can still clear it.
    const token = request.cookies[STAFF_COOKIE]
    if (token && token.length <= 200) await deleteSession(fastify.db, token)
    reply.clearCookie(STAFF_COOKIE, { ...cookieOptions(fastify.config, 0), maxAge: undefined })
    return reply.code(204).send(null)
  })
}

export default session
