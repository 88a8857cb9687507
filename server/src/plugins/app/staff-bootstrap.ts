// The first manager: created at start when nobody can log in (an empty database, or one holding only former,
// disabled members such as those of `npm run demo:history`), from STAFF_PIN or a generated PIN.
import { randomInt } from 'node:crypto'
import fp from 'fastify-plugin'
import { countActiveStaff, createStaff, findStaffByPin } from '../../repositories/staff.js'
import { StaffRoleEnum } from '#shared/schemas/staff.js'

export const FIRST_MANAGER_NAME = 'Manager'

/**
 * STAFF_PIN only seeds the first manager of an empty database; afterwards PINs are changed in the
 * staff console, and a later STAFF_PIN changes nothing (a note says so when it matches nobody).
 */
export default fp(async (fastify) => {
  if (await countActiveStaff(fastify.db) === 0) {
    const pin = fastify.config.staffPin ?? String(randomInt(0, 1_000_000)).padStart(6, '0')
    await createStaff(fastify.db, { name: FIRST_MANAGER_NAME, role: StaffRoleEnum.MANAGER, pin })
    if (fastify.config.staffPin === null) fastify.startupNotes.push(`Staff PIN (manager, shown once): ${pin}`)
    fastify.log.info('created the first manager')
    return
  }
  if (fastify.config.staffPin !== null && !await findStaffByPin(fastify.db, fastify.config.staffPin)) {
    fastify.startupNotes.push('STAFF_PIN is ignored: it only sets the first manager\'s PIN on an empty database. Change PINs in the staff console.')
  }
}, { name: 'staff-bootstrap', dependencies: ['database', 'startup-notes'] })
