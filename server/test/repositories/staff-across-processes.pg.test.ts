// Staff writes rest on checks (a PIN is free, a manager is not the last): with two processes on one PostgreSQL
// database (here two connection pools, each with its own in-process lock), the checks still hold. Staff belong to a
// store: both "processes" work in the default store through its scoped handle.
import { afterEach, describe, expect, it } from 'vitest'
import { migrate, openPostgres, type Db, type OpenedDatabase } from '../../src/db/database.js'
import { DEFAULT_STORE_ID, forStore } from '../../src/db/store-scope.js'
import { createStaff, disableStaff, listStaff } from '../../src/repositories/staff.js'
import { StaffRoleEnum } from '#shared/schemas/staff.js'
import { freshPgDatabase } from '../pg.js'

const opened: OpenedDatabase[] = []
afterEach(async () => {
  for (const database of opened.splice(0)) await database.close()
})

/** Two "processes" on one fresh, migrated database, each with the default store's handle. */
async function twoProcesses (): Promise<[{ db: Db }, { db: Db }]> {
  const { url } = await freshPgDatabase()
  const first = await openPostgres(url, 3)
  opened.push(first)
  await migrate(first.db)
  const second = await openPostgres(url, 3)
  opened.push(second)
  return [{ db: forStore(first.db, DEFAULT_STORE_ID) }, { db: forStore(second.db, DEFAULT_STORE_ID) }]
}

describe('staff writes from two processes', () => {
  it('give a PIN to one member only', async () => {
    const [a, b] = await twoProcesses()
    const results = await Promise.allSettled([
      createStaff(a.db, { name: 'Anna', role: StaffRoleEnum.STAFF, pin: '4711' }),
      createStaff(b.db, { name: 'Bo', role: StaffRoleEnum.STAFF, pin: '4711' }),
    ])
    expect(results.map(result => result.status).sort()).toEqual(['fulfilled', 'rejected'])
    const refused = results.find(result => result.status === 'rejected')!
    expect(refused.reason).toMatchObject({ code: 'PIN_IN_USE' })
    expect((await listStaff(a.db)).map(member => member.name)).toHaveLength(1)
  })

  it('never disable the last two managers at once', async () => {
    const [a, b] = await twoProcesses()
    const anna = await createStaff(a.db, { name: 'Anna', role: StaffRoleEnum.MANAGER, pin: '1111' })
    const bo = await createStaff(a.db, { name: 'Bo', role: StaffRoleEnum.MANAGER, pin: '2222' })
    const results = await Promise.allSettled([disableStaff(a.db, anna.id), disableStaff(b.db, bo.id)])
    expect(results.map(result => result.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect(results.find(result => result.status === 'rejected')!.reason).toMatchObject({ code: 'LAST_MANAGER' })
    expect(await listStaff(a.db)).toHaveLength(1)
  })
})
