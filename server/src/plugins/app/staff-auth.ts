// Identifies staff by the tp_staff session cookie and checks roles (routes opt in with a preHandler); holds the login lockouts.
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { STAFF_COOKIE } from '../../lib/cookies.js'
import type { FailureLimiter } from '../../lib/failure-limiter.js'
import { failureLimiterFor } from '../../lib/database-failure-limiter.js'
import { findStaffBySessionToken } from '../../repositories/staff.js'
import { StaffForbiddenError, StaffUnauthenticatedError } from '../../errors.js'
import type { StaffMember } from '#shared/schemas/staff.js'

declare module 'fastify' {
  interface FastifyRequest {
    staff: StaffMember | null
  }
  interface FastifyInstance {
    requireStaff: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
    requireManager: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
    findStaffBySession: (token: string | undefined) => Promise<StaffMember | null>
    /** Wrong PINs per client address: the login route counts them, managers lift a lockout (on PostgreSQL, for every process). */
    staffLoginFailures: FailureLimiter
  }
}

/** Wrong PINs allowed per client and minute; a 6-digit PIN then takes years to guess. */
export const LOGIN_FAILURES_PER_MINUTE = 5

export default fp(async (fastify) => {
  async function findStaffBySession (token: string | undefined): Promise<StaffMember | null> {
    if (!token || token.length > 200) return null
    return findStaffBySessionToken(fastify.db, token)
  }

  fastify.decorateRequest('staff', null)
  fastify.decorate('staffLoginFailures', failureLimiterFor(fastify.config, () => fastify.db, 'login', LOGIN_FAILURES_PER_MINUTE, 60_000))
  fastify.decorate('findStaffBySession', findStaffBySession)

  fastify.decorate('requireStaff', async (request: FastifyRequest) => {
    const staff = await findStaffBySession(request.cookies[STAFF_COOKIE])
    if (!staff) throw new StaffUnauthenticatedError()
    request.staff = staff
  })

  fastify.decorate('requireManager', async (request: FastifyRequest, reply: FastifyReply) => {
    await fastify.requireStaff(request, reply)
    if (request.staff?.role !== 'manager') throw new StaffForbiddenError()
  })
}, { name: 'staff-auth', dependencies: ['database'] })
