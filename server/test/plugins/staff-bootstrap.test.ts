// The first manager is created once, from STAFF_PIN or with a PIN printed once; later starts change nothing.
import { describe, expect, it } from 'vitest'
import { buildEmptyApp } from '../auth-helpers.js'
import { TEST_STAFF_PIN, tempDataDir } from '../helper.js'

const NOTE = /^Staff PIN \(manager, shown once\): (\d{6})$/

describe('first manager', () => {
  it('is created from STAFF_PIN without printing it', async () => {
    const app = await buildEmptyApp()
    expect(await app.db.selectFrom('staff').select(['name', 'role']).execute()).toEqual([{ name: 'Manager', role: 'manager' }])
    expect(app.startupNotes.join('\n')).not.toContain(TEST_STAFF_PIN)
  })

  it('gets a generated PIN, printed once, when STAFF_PIN is not set', async () => {
    const dataDir = tempDataDir()
    const first = await buildEmptyApp({ DATA_DIR: dataDir, STAFF_PIN: '' })
    const note = first.startupNotes.find(line => NOTE.test(line))
    const pin = NOTE.exec(note ?? '')?.[1]
    expect(pin).toBeDefined()
    expect((await first.inject({ method: 'POST', url: '/api/staff/session', payload: { pin } })).statusCode).toBe(200)
    await first.close()

    const second = await buildEmptyApp({ DATA_DIR: dataDir, STAFF_PIN: '' })
    expect(second.startupNotes.some(line => NOTE.test(line))).toBe(false)
    expect(await second.db.selectFrom('staff').selectAll().execute()).toHaveLength(1)
    expect((await second.inject({ method: 'POST', url: '/api/staff/session', payload: { pin } })).statusCode).toBe(200)
  })

  it('is not changed by a later STAFF_PIN, and a note says the variable is ignored', async () => {
    const dataDir = tempDataDir()
    const first = await buildEmptyApp({ DATA_DIR: dataDir })
    await first.close()
    const second = await buildEmptyApp({ DATA_DIR: dataDir, STAFF_PIN: '97531' })
    expect(second.startupNotes.some(line => line.startsWith('STAFF_PIN is ignored'))).toBe(true)
    expect((await second.inject({ method: 'POST', url: '/api/staff/session', payload: { pin: '97531' } })).statusCode).toBe(401)
    expect((await second.inject({ method: 'POST', url: '/api/staff/session', payload: { pin: TEST_STAFF_PIN } })).statusCode).toBe(200)
    await second.close()
    // The same STAFF_PIN as the manager's is not worth a note.
    const third = await buildEmptyApp({ DATA_DIR: dataDir })
    expect(third.startupNotes).toEqual([])
  })

  it('is created when the only members are former, disabled ones (a demo history\'s), who still cannot log in', async () => {
    const dataDir = tempDataDir()
    const first = await buildEmptyApp({ DATA_DIR: dataDir })
    await first.db.updateTable('staff').set({ name: 'Former', disabled_at: new Date().toISOString() }).execute()
    await first.close()
    const second = await buildEmptyApp({ DATA_DIR: dataDir })
    expect(await second.db.selectFrom('staff').select(['name', 'role']).where('disabled_at', 'is', null).execute()).toEqual([{ name: 'Manager', role: 'manager' }])
    // The new manager has the STAFF_PIN, which the former member also had: the PIN logs in the active one only.
    const login = await second.inject({ method: 'POST', url: '/api/staff/session', payload: { pin: TEST_STAFF_PIN } })
    expect(login.json<{ staff: { name: string } }>().staff.name).toBe('Manager')
  })
})
