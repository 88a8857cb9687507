// `npm run owner`: adds the chain's owner to the configured database (here SQLite), who then logs in with manager
// rights; a PIN anyone already uses is refused, and with an owner no first manager is made on an empty database.
import { describe, expect, it } from 'vitest'
import { parseOwnerArgs, runOwner, UsageError } from '../../scripts/owner.js'
import { buildEmptyApp } from '../auth-helpers.js'
import { TEST_STAFF_PIN, tempDataDir } from '../helper.js'

describe('npm run owner', () => {
  it('reads --pin and --name, and refuses a PIN that is not 4 to 8 digits or an unknown option', () => {
    expect(parseOwnerArgs(['--pin', '975310'])).toEqual({ pin: '975310', name: 'Owner' })
    expect(parseOwnerArgs(['--pin', '975310', '--name', ' Mei '])).toEqual({ pin: '975310', name: 'Mei' })
    expect(() => parseOwnerArgs([])).toThrow(UsageError)
    expect(() => parseOwnerArgs(['--pin', '12'])).toThrow(UsageError)
    expect(() => parseOwnerArgs(['--pin', '975310', '--role', 'x'])).toThrow(UsageError)
  })

  it('adds an owner who logs in with a manager\'s rights, and no first manager is made beside them', async () => {
    const dataDir = tempDataDir()
    const owner = await runOwner({ dataDir, databaseUrl: null, databasePoolMax: 1 }, { pin: '975310', name: 'Mei' })
    expect(owner).toMatchObject({ name: 'Mei', role: 'owner' })
    const app = await buildEmptyApp({ DATA_DIR: dataDir })
    expect(await app.db.selectFrom('staff').selectAll().execute()).toEqual([])
    expect(app.startupNotes.some(line => line.startsWith('Staff PIN'))).toBe(false)
    const login = await app.inject({ method: 'POST', url: '/api/staff/session', payload: { pin: '975310' } })
    expect(login.statusCode, login.body).toBe(200)
    expect(login.json().staff).toMatchObject({ name: 'Mei', role: 'owner' })
    expect((await app.inject({ method: 'POST', url: '/api/staff/session', payload: { pin: TEST_STAFF_PIN } })).statusCode).toBe(401)
  })

  it('refuses a PIN another owner or any store\'s member uses (PIN_IN_USE)', async () => {
    const dataDir = tempDataDir()
    const app = await buildEmptyApp({ DATA_DIR: dataDir })
    await app.close()
    const config = { dataDir, databaseUrl: null, databasePoolMax: 1 }
    await expect(runOwner(config, { pin: TEST_STAFF_PIN, name: 'Mei' })).rejects.toMatchObject({ code: 'PIN_IN_USE' })
    await runOwner(config, { pin: '975310', name: 'Mei' })
    await expect(runOwner(config, { pin: '975310', name: 'Lin' })).rejects.toMatchObject({ code: 'PIN_IN_USE' })
  })
})
