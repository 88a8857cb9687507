// Identifies staff by the tp_staff session cookie and checks roles; routes opt in with a preHandler.
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { STAFF_COOKIE } from '../../lib/cookies.js'
import { nowIso, sha256 } from '../../lib/tokens.js'
import { StaffForbiddenError, StaffUnauthenticatedError } from '../../errors.js'
import type { StaffMember, StaffRole } from '../../../../shared/src/schemas/staff.js'

declare module 'fastify' {
  interface FastifyRequest {
    staff: StaffMember | null
  }
  interface FastifyInstance {
    requireStaff: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
    requireManager: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
    findStaffBySession: (token: string | undefined) => Promise<StaffMember | null>
  }
}

export default fp(async (fastify) => {
  async function findStaffBySession (token: string | undefined): Promise<StaffMember | null> {
    if (!token || token.length > 200) return null
    const row = await fastify.db.selectFrom('staff_sessions')
      .innerJoin('staff', 'staff.id', 'staff_sessions.staff_id')
      .select(['staff.id', 'staff.name', 'staff.role'])
      .where('staff_sessions.token_hash', '=', sha256(token))
      .where('staff_sessions.expires_at', '>', nowIso())
      .where('staff.disabled_at', 'is', null)
      .executeTakeFirst()
    return row ? { id: row.id, name: row.name, role: row.role as StaffRole } : null
  }

  fastify.decorateRequest('staff', null)
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
