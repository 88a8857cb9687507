// The default store's first manager: created at start when nobody can log in to it (an empty database, or one
// holding only former, disabled members such as those of `npm run demo:history`), from STAFF_PIN or a generated PIN.
// A chain's owner (`npm run owner`) can log in to every store and add its managers, so with one, nobody is made.
import { randomInt } from 'node:crypto'
import fp from 'fastify-plugin'
import { DEFAULT_STORE_ID, forStore } from '../../db/store-scope.js'
import { inTransaction } from '../../db/transaction.js'
import { countActiveOwners, countActiveStaff, createStaff, findStaffByPin } from '../../repositories/staff.js'
import { StaffRoleEnum } from '#shared/schemas/staff.js'

export const FIRST_MANAGER_NAME = 'Manager'

/**
 * STAFF_PIN only seeds the first manager of an empty database; afterwards PINs are changed in the
 * staff console, and a later STAFF_PIN changes nothing (a note says so when it matches nobody).
 */
export default fp(async (fastify) => {
  // One root write transaction: on PostgreSQL it holds the whole database's writer lock, so processes starting
  // together on an empty database make one first manager between them, not one each.
  const root = fastify.database.db
  const pin = fastify.config.staffPin ?? String(randomInt(0, 1_000_000)).padStart(6, '0')
  const created = await inTransaction(root, async (trx) => {
    const store = forStore(trx, DEFAULT_STORE_ID)
    if (await countActiveStaff(store) > 0 || await countActiveOwners(trx) > 0) return false
    await createStaff(store, { name: FIRST_MANAGER_NAME, role: StaffRoleEnum.MANAGER, pin })
    return true
  })
  if (created) {
    if (fastify.config.staffPin === null) fastify.startupNotes.push(`Staff PIN (manager, shown once): ${pin}`)
    fastify.log.info('created the first manager')
    return
  }
  if (fastify.config.staffPin !== null && !await findStaffByPin(fastify.db, fastify.config.staffPin)) {
    fastify.startupNotes.push('STAFF_PIN is ignored: it only sets the first manager\'s PIN on an empty database. Change PINs in the staff console.')
  }
}, { name: 'staff-bootstrap', dependencies: ['database', 'startup-notes'] })
