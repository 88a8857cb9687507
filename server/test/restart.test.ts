// A restart on the same DATA_DIR keeps staff, sessions, tables, tablets and their pairings.
import { describe, expect, it } from 'vitest'
import { tempDataDir } from './helper.js'
import { addStaff, buildEmptyApp, loginStaff, pairedTablet, registerTablet } from './auth-helpers.js'

describe('restart', () => {
  it('keeps everything set up before it', async () => {
    const dataDir = tempDataDir()
    const before = await buildEmptyApp({ DATA_DIR: dataDir })
    const manager = await loginStaff(before)
    const waiter = await addStaff(before, { name: 'Waiter', role: 'staff', pin: '1357' })
    const table = (await before.inject({ method: 'POST', url: '/api/staff/tables', headers: { cookie: manager }, payload: { label: 'T1', seats: 6 } })).json()
    const paired = await pairedTablet(before, manager, table)
    const waiting = await registerTablet(before, { name: 'Spare' })
    await before.inject({ method: 'PATCH', url: `/api/staff/devices/${paired.deviceId}`, headers: { cookie: manager }, payload: { name: 'Window' } })
    await before.close()

    const after = await buildEmptyApp({ DATA_DIR: dataDir })
    expect((await after.inject({ method: 'GET', url: '/api/staff/session', headers: { cookie: waiter.cookie } })).json().staff.name).toBe('Waiter')
    expect((await after.inject({ method: 'POST', url: '/api/staff/session', payload: { pin: '1357' } })).statusCode).toBe(200)
    expect((await after.inject({ method: 'GET', url: '/api/staff/tables', headers: { cookie: manager } })).json()).toEqual([table])
    const me = await after.inject({ method: 'GET', url: '/api/devices/me', headers: { cookie: paired.cookie } })
    expect(me.json()).toMatchObject({ deviceId: paired.deviceId, name: 'Window', status: 'paired', table: { id: table.id, label: 'T1' } })
    const spare = await after.inject({ method: 'GET', url: '/api/devices/me', headers: { cookie: waiting.cookie } })
    expect(spare.json()).toMatchObject({ status: 'unpaired', pairingCode: waiting.pairingCode })
    const devices = (await after.inject({ method: 'GET', url: '/api/staff/devices', headers: { cookie: manager } })).json()
    expect(devices.map((device: { name: string }) => device.name)).toEqual(['Window', 'Spare'])
  })
})
