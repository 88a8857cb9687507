// Identifies staff by the tp_staff session cookie and checks roles (routes opt in with a preHandler); holds the login
// lockouts. The session is found on the ROOT handle (its token is a global secret); the request then acts in the
// session's current store (`request.store`).
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { STAFF_COOKIE } from '../../lib/cookies.js'
import type { FailureLimiter } from '../../lib/failure-limiter.js'
import { failureLimiterFor } from '../../lib/database-failure-limiter.js'
import { findStaffSessionOnRoot } from '../../repositories/staff.js'
import { OwnerOnlyError, StaffForbiddenError, StaffUnauthenticatedError } from '../../errors.js'
import type { StoreContext } from '../../stores/store-context.js'
import type { StaffMember } from '#shared/schemas/staff.js'

/** A signed-in staff member and the store their session currently acts in. */
export interface StaffSession {
  staff: StaffMember
  store: StoreContext
}

declare module 'fastify' {
  interface FastifyRequest {
    staff: StaffMember | null
  }
  interface FastifyInstance {
    requireStaff: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
    requireManager: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
    /** The chain's owner only (OWNER_ONLY otherwise): adding stores, changing another store. */
    requireOwner: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
    findStaffBySession: (token: string | undefined) => Promise<StaffMember | null>
    /** The session of a tp_staff token with its store, else null (unknown, expired, disabled member). */
    findStaffSession: (token: string | undefined) => Promise<StaffSession | null>
    /** Sets `request.staff` and `request.store` from the request's cookie when it holds a session; false otherwise. */
    identifyStaff: (request: FastifyRequest) => Promise<boolean>
    /** Wrong PINs per client address: the login route counts them, managers lift a lockout (on PostgreSQL, for every process). */
    staffLoginFailures: FailureLimiter
  }
}

/** Wrong PINs allowed per client and minute; a 6-digit PIN then takes years to guess. */
export const LOGIN_FAILURES_PER_MINUTE = 5

/** Managers run their store; an owner has a manager's rights in every store of the chain. */
export function hasManagerRights (staff: Pick<StaffMember, 'role'> | null): boolean {
  const role: string | undefined = staff?.role
  return role === 'manager' || role === 'owner'
}

export default fp(async (fastify) => {
  async function findStaffSession (token: string | undefined): Promise<StaffSession | null> {
    if (!token || token.length > 200) return null
    const found = await findStaffSessionOnRoot(fastify.database.db, token)
    if (!found) return null
    return { staff: found.staff, store: await fastify.stores.get(found.storeId) }
  }

  async function identifyStaff (request: FastifyRequest): Promise<boolean> {
    const session = await findStaffSession(request.cookies[STAFF_COOKIE])
    if (!session) return false
    request.staff = session.staff
    request.store = session.store
    return true
  }

  fastify.decorateRequest('staff', null)
  // Lockouts count per client address across stores: a `rate_limits` row is global.
  fastify.decorate('staffLoginFailures', failureLimiterFor(fastify.config, () => fastify.database.db, 'login', LOGIN_FAILURES_PER_MINUTE, 60_000))
  fastify.decorate('findStaffSession', findStaffSession)
  fastify.decorate('findStaffBySession', async (token: string | undefined) => (await findStaffSession(token))?.staff ?? null)
  fastify.decorate('identifyStaff', identifyStaff)

  fastify.decorate('requireStaff', async (request: FastifyRequest) => {
    if (!await identifyStaff(request)) throw new StaffUnauthenticatedError()
  })

  fastify.decorate('requireManager', async (request: FastifyRequest, reply: FastifyReply) => {
    await fastify.requireStaff(request, reply)
    if (!hasManagerRights(request.staff)) throw new StaffForbiddenError()
  })

  fastify.decorate('requireOwner', async (request: FastifyRequest, reply: FastifyReply) => {
    await fastify.requireStaff(request, reply)
    if (request.staff?.role !== 'owner') throw new OwnerOnlyError()
  })
}, { name: 'staff-auth', dependencies: ['database'] })
