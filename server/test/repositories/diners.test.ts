// Diners, their phone sessions and the OAuth round-trip states: single use, short-lived, bound to one browser.
import { describe, expect, it } from 'vitest'
import { buildEmptyApp } from '../auth-helpers.js'
import { createTable, removeTable } from '../../src/repositories/tables.js'
import {
  DINER_SESSION_TTL_MS, OAUTH_STATE_TTL_MS, consumeOAuthState, createDinerSession, createOAuthState, findDinerById, findDinerSession, findOrCreateDiner,
} from '../../src/repositories/diners.js'
import { newSecret, sha256 } from '../../src/lib/tokens.js'

describe('diners', () => {
  it('keeps one diner per Alipay user_id and per open_id', async () => {
    const app = await buildEmptyApp()
    const byUser = await findOrCreateDiner(app.db, { userId: '2088000000000101' })
    expect(byUser).toMatchObject({ alipayUserId: '2088000000000101', alipayOpenId: null })
    expect(byUser.id).toMatch(/^din_[0-9a-f]{24}$/)
    expect(await findOrCreateDiner(app.db, { userId: '2088000000000101' })).toEqual(byUser)
    const byOpenId = await findOrCreateDiner(app.db, { openId: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5' })
    expect(byOpenId.id).not.toBe(byUser.id)
    expect(await findOrCreateDiner(app.db, { openId: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5' })).toEqual(byOpenId)
    expect(await findDinerById(app.db, byOpenId.id)).toEqual(byOpenId)
    expect(await findDinerById(app.db, 'din_unknown')).toBeNull()
  })

  it('makes one diner of two first sign-ins racing', async () => {
    const app = await buildEmptyApp()
    const [a, b] = await Promise.all([findOrCreateDiner(app.db, { userId: '2088000000000102' }), findOrCreateDiner(app.db, { userId: '2088000000000102' })])
    expect(a.id).toBe(b.id)
  })
})

describe('diner sessions', () => {
  it('finds a session by its token, stores only its hash, and ends it after 4 hours', async () => {
    const app = await buildEmptyApp()
    const table = await createTable(app.db, { label: 'T1' })
    const diner = await findOrCreateDiner(app.db, { userId: '2088000000000103' })
    const start = Date.now()
    const token = await createDinerSession(app.db, diner.id, table.id, start)
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const rows = await app.db.selectFrom('diner_sessions').selectAll().execute()
    expect(rows).toEqual([expect.objectContaining({ token_hash: sha256(token), diner_id: diner.id, table_id: table.id })])
    expect(await findDinerSession(app.db, token, start + 1000)).toEqual({
      dinerId: diner.id, tableId: table.id, tableLabel: 'T1', expiresAt: new Date(start + DINER_SESSION_TTL_MS).toISOString(), storeId: 'default',
    })
    expect(await findDinerSession(app.db, token, start + DINER_SESSION_TTL_MS)).toBeNull()
    expect(await findDinerSession(app.db, newSecret(), start)).toBeNull()
  })

  it('ends the sessions of a removed table', async () => {
    const app = await buildEmptyApp()
    const table = await createTable(app.db, { label: 'T2' })
    const diner = await findOrCreateDiner(app.db, { userId: '2088000000000104' })
    const token = await createDinerSession(app.db, diner.id, table.id)
    await removeTable(app.db, table.id)
    expect(await findDinerSession(app.db, token)).toBeNull()
  })
})

describe('OAuth states', () => {
  async function setup () {
    const app = await buildEmptyApp()
    const table = await createTable(app.db, { label: 'T3' })
    return { app, table, browser: newSecret() }
  }

  it('is stored hashed and used once, in the browser that started it', async () => {
    const { app, table, browser } = await setup()
    const state = await createOAuthState(app.db, table.id, browser)
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const [row] = await app.db.selectFrom('oauth_states').selectAll().execute()
    expect(row).toMatchObject({ id: sha256(state), table_id: table.id, browser_hash: sha256(browser), used_at: null })

    expect(await consumeOAuthState(app.db, state, browser)).toEqual({ ok: true, tableId: table.id, tableCode: table.code })
    // Replayed (the callback URL opened again, or by someone who saw it).
    expect(await consumeOAuthState(app.db, state, browser)).toEqual({ ok: false, reason: 'used', tableCode: table.code })
  })

  it('refuses another browser, and then still serves the right one', async () => {
    const { app, table, browser } = await setup()
    const state = await createOAuthState(app.db, table.id, browser)
    expect(await consumeOAuthState(app.db, state, newSecret())).toEqual({ ok: false, reason: 'other-browser', tableCode: table.code })
    expect(await consumeOAuthState(app.db, state, undefined)).toEqual({ ok: false, reason: 'other-browser', tableCode: table.code })
    expect(await consumeOAuthState(app.db, state, browser)).toMatchObject({ ok: true })
  })

  it('expires after 10 minutes', async () => {
    const { app, table, browser } = await setup()
    const start = Date.now()
    const state = await createOAuthState(app.db, table.id, browser, start)
    expect(await consumeOAuthState(app.db, state, browser, start + OAUTH_STATE_TTL_MS)).toEqual({ ok: false, reason: 'expired', tableCode: table.code })
    const fresh = await createOAuthState(app.db, table.id, browser, start)
    expect(await consumeOAuthState(app.db, fresh, browser, start + OAUTH_STATE_TTL_MS - 1000)).toMatchObject({ ok: true })
  })

  it('knows nothing of a state it did not issue, and refuses a removed table', async () => {
    const { app, table, browser } = await setup()
    expect(await consumeOAuthState(app.db, newSecret(), browser)).toEqual({ ok: false, reason: 'unknown' })
    const state = await createOAuthState(app.db, table.id, browser)
    // A table past orders point at is kept, marked removed (removeTable).
    await app.db.updateTable('tables').set({ removed_at: new Date().toISOString() }).where('id', '=', table.id).execute()
    expect(await consumeOAuthState(app.db, state, browser)).toEqual({ ok: false, reason: 'table-removed', tableCode: table.code })
  })

  it('goes with a table removed before anyone ordered at it', async () => {
    const { app, table, browser } = await setup()
    const state = await createOAuthState(app.db, table.id, browser)
    expect(await removeTable(app.db, table.id)).toBe(true)
    expect(await consumeOAuthState(app.db, state, browser)).toEqual({ ok: false, reason: 'unknown' })
  })

  it('lets exactly one of two racing callbacks through', async () => {
    const { app, table, browser } = await setup()
    const state = await createOAuthState(app.db, table.id, browser)
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => consumeOAuthState(app.db, state, browser)))
    expect(outcomes.filter(outcome => outcome.ok)).toHaveLength(1)
  })
})
