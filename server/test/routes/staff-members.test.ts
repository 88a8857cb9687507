// Managers manage staff accounts; PINs are unique and the last manager cannot be removed.
import { describe, expect, it } from 'vitest'
import { TEST_STAFF_PIN } from '../helper.js'
import { addStaff, buildEmptyApp, loginStaff } from '../auth-helpers.js'

const url = '/api/staff/members'

describe('/api/staff/members', () => {
  it('lets a manager add a member who can then log in and appears in the list', async () => {
    const app = await buildEmptyApp()
    const manager = await loginStaff(app)
    const created = await app.inject({ method: 'POST', url, headers: { cookie: manager }, payload: { name: ' Li Wei ', role: 'staff', pin: '135790' } })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toEqual({ id: expect.stringMatching(/^stf_/), name: 'Li Wei', role: 'staff' })
    const session = await app.inject({ method: 'POST', url: '/api/staff/session', payload: { pin: '135790' } })
    expect(session.json().staff).toEqual(created.json())
    const list = await app.inject({ method: 'GET', url, headers: { cookie: manager } })
    expect(list.json()).toEqual([{ id: expect.any(String), name: 'Manager', role: 'manager' }, created.json()])
  })

  it('refuses staff without the manager role, and anyone without a session', async () => {
    const app = await buildEmptyApp()
    const waiter = await addStaff(app, { name: 'Waiter', role: 'staff', pin: '1357' })
    const requests = [
      { method: 'GET' as const, url },
      { method: 'POST' as const, url, payload: { name: 'X', role: 'manager', pin: '9999' } },
      { method: 'PATCH' as const, url: `${url}/${waiter.id}`, payload: { role: 'manager' } },
      { method: 'DELETE' as const, url: `${url}/${waiter.id}` },
    ]
    for (const request of requests) {
      const forbidden = await app.inject({ ...request, headers: { cookie: waiter.cookie } })
      expect(forbidden.statusCode, `${request.method} as staff`).toBe(403)
      expect(forbidden.json().code).toBe('STAFF_FORBIDDEN')
      const anonymous = await app.inject(request)
      expect(anonymous.statusCode, `${request.method} anonymous`).toBe(401)
    }
    const staff = await app.db.selectFrom('staff').select(['name', 'role']).where('disabled_at', 'is', null).orderBy('name').execute()
    expect(staff).toEqual([{ name: 'Manager', role: 'manager' }, { name: 'Waiter', role: 'staff' }])
  })

  it('refuses a PIN another member already uses, on create and on change', async () => {
    const app = await buildEmptyApp()
    const manager = await loginStaff(app)
    const taken = await app.inject({ method: 'POST', url, headers: { cookie: manager }, payload: { name: 'Copy', role: 'staff', pin: TEST_STAFF_PIN } })
    expect(taken.statusCode).toBe(409)
    expect(taken.json().code).toBe('PIN_IN_USE')
    const waiter = await addStaff(app, { name: 'Waiter', role: 'staff', pin: '1357' })
    const change = await app.inject({ method: 'PATCH', url: `${url}/${waiter.id}`, headers: { cookie: manager }, payload: { pin: TEST_STAFF_PIN } })
    expect(change.statusCode).toBe(409)
    expect(change.json().code).toBe('PIN_IN_USE')
    // Keeping one's own PIN is not a conflict.
    const same = await app.inject({ method: 'PATCH', url: `${url}/${waiter.id}`, headers: { cookie: manager }, payload: { pin: '1357' } })
    expect(same.statusCode).toBe(200)
  })

  it('renames, promotes and changes a PIN; a new PIN ends the member\'s sessions', async () => {
    const app = await buildEmptyApp()
    const manager = await loginStaff(app)
    const waiter = await addStaff(app, { name: 'Waiter', role: 'staff', pin: '1357' })
    const renamed = await app.inject({ method: 'PATCH', url: `${url}/${waiter.id}`, headers: { cookie: manager }, payload: { name: 'Head waiter', role: 'manager' } })
    expect(renamed.json()).toEqual({ id: waiter.id, name: 'Head waiter', role: 'manager' })
    const now = await app.inject({ method: 'GET', url: '/api/staff/session', headers: { cookie: waiter.cookie } })
    expect(now.json().staff.role).toBe('manager')

    const repinned = await app.inject({ method: 'PATCH', url: `${url}/${waiter.id}`, headers: { cookie: manager }, payload: { pin: '8642' } })
    expect(repinned.statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/api/staff/session', headers: { cookie: waiter.cookie } })).statusCode).toBe(401)
    expect((await app.inject({ method: 'POST', url: '/api/staff/session', payload: { pin: '1357' } })).statusCode).toBe(401)
    expect((await app.inject({ method: 'POST', url: '/api/staff/session', payload: { pin: '8642' } })).statusCode).toBe(200)
  })

  it('keeps the session of a manager who changes their own PIN', async () => {
    const app = await buildEmptyApp()
    const manager = await loginStaff(app)
    const other = await loginStaff(app)
    const me = (await app.inject({ method: 'GET', url: '/api/staff/session', headers: { cookie: manager } })).json().staff
    expect((await app.inject({ method: 'PATCH', url: `${url}/${me.id}`, headers: { cookie: manager }, payload: { pin: '55667788' } })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/api/staff/session', headers: { cookie: manager } })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/api/staff/session', headers: { cookie: other } })).statusCode).toBe(401)
  })

  it('never removes or demotes the last manager', async () => {
    const app = await buildEmptyApp()
    const manager = await loginStaff(app)
    const me = (await app.inject({ method: 'GET', url: '/api/staff/session', headers: { cookie: manager } })).json().staff
    const demote = await app.inject({ method: 'PATCH', url: `${url}/${me.id}`, headers: { cookie: manager }, payload: { role: 'staff' } })
    expect(demote.statusCode).toBe(409)
    expect(demote.json().code).toBe('LAST_MANAGER')
    const remove = await app.inject({ method: 'DELETE', url: `${url}/${me.id}`, headers: { cookie: manager } })
    expect(remove.statusCode).toBe(409)
    expect(remove.json().code).toBe('LAST_MANAGER')

    // With a second manager, the first may go.
    await addStaff(app, { name: 'Second', role: 'manager', pin: '4321' })
    expect((await app.inject({ method: 'DELETE', url: `${url}/${me.id}`, headers: { cookie: manager } })).statusCode).toBe(204)
  })

  it('removes a member: their sessions end, their PIN stops working, they leave the list', async () => {
    const app = await buildEmptyApp()
    const manager = await loginStaff(app)
    const waiter = await addStaff(app, { name: 'Waiter', role: 'staff', pin: '1357' })
    const removed = await app.inject({ method: 'DELETE', url: `${url}/${waiter.id}`, headers: { cookie: manager } })
    expect(removed.statusCode).toBe(204)
    expect((await app.inject({ method: 'GET', url: '/api/staff/session', headers: { cookie: waiter.cookie } })).statusCode).toBe(401)
    expect((await app.inject({ method: 'POST', url: '/api/staff/session', payload: { pin: '1357' } })).statusCode).toBe(401)
    expect((await app.inject({ method: 'GET', url, headers: { cookie: manager } })).json()).toHaveLength(1)
    expect((await app.inject({ method: 'DELETE', url: `${url}/${waiter.id}`, headers: { cookie: manager } })).statusCode).toBe(404)
    expect((await app.inject({ method: 'PATCH', url: `${url}/${waiter.id}`, headers: { cookie: manager }, payload: { name: 'Back' } })).statusCode).toBe(404)
    // The PIN of a removed member is free again.
    expect((await app.inject({ method: 'POST', url, headers: { cookie: manager }, payload: { name: 'New', role: 'staff', pin: '1357' } })).statusCode).toBe(201)
  })

  it.each([
    ['an unknown role', 'POST', url, { name: 'X', role: 'owner', pin: '1234' }],
    ['a missing PIN', 'POST', url, { name: 'X', role: 'staff' }],
    ['a PIN too long', 'POST', url, { name: 'X', role: 'staff', pin: '123456789' }],
    ['an empty name', 'POST', url, { name: '', role: 'staff', pin: '1234' }],
    ['a blank name', 'POST', url, { name: ' \t', role: 'staff', pin: '1234' }],
    ['an unknown field', 'POST', url, { name: 'X', role: 'staff', pin: '1234', admin: true }],
    ['an empty change', 'PATCH', `${url}/stf_1`, {}],
    ['a bad id', 'PATCH', `${url}/a%20b`, { name: 'X' }],
  ] as const)('refuses %s with VALIDATION_FAILED', async (_case, method, target, payload) => {
    const app = await buildEmptyApp()
    const manager = await loginStaff(app)
    const response = await app.inject({ method, url: target, headers: { cookie: manager }, payload })
    expect(response.statusCode).toBe(400)
    expect(response.json().code).toBe('VALIDATION_FAILED')
    expect(await app.db.selectFrom('staff').selectAll().execute()).toHaveLength(1)
  })
})
