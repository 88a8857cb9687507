// Stores of a chain on PostgreSQL: the repository (slugs, sealing), login per store, the owner's switch, and the
// stores API — which never answers a secret.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { buildEmptyApp, loginStaff } from '../auth-helpers.js'
import { TEST_STAFF_PIN, cookieFrom } from '../helper.js'
import { STAFF_COOKIE } from '../../src/lib/cookies.js'
import { forStore } from '../../src/db/store-scope.js'
import { createOwner, createStaff } from '../../src/repositories/staff.js'
import { createStore, findStore, findStoreBySlug, listStores, updateStore } from '../../src/repositories/stores.js'
import { openStoreSettings } from '../../src/stores/store-settings.js'
import type { App } from '../../src/app.js'
import { duePayments, dueRefund } from '../leases/fixtures.js'

const SECRETS_KEY = randomBytes(32)
const OWNER_PIN = '975310'
const PRIVATE_KEY = `MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC${randomBytes(24).toString('hex')}`
const PUBLIC_KEY = `MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${randomBytes(24).toString('hex')}`
const CREDENTIALS = { appId: '2021000000000077', privateKey: PRIVATE_KEY, alipayPublicKey: PUBLIC_KEY }

function chainApp (env: Record<string, string> = {}): Promise<App> {
  return buildEmptyApp({ SECRETS_KEY: SECRETS_KEY.toString('hex'), ...env })
}

const login = (pin: string, store?: string) => ({ method: 'POST' as const, url: '/api/staff/session', payload: store === undefined ? { pin } : { pin, store } })

/** The app, its owner's cookie (in the default store) and a second store "harbour" with its own Alipay keys. */
async function twoStores (): Promise<{ app: App, owner: string, harbourId: string, bodies: string[] }> {
  const app = await chainApp()
  await createOwner(app.database.db, { name: 'Mei', pin: OWNER_PIN })
  const owner = await loginStaff(app, OWNER_PIN)
  const bodies: string[] = []
  const created = await app.inject({ method: 'POST', url: '/api/stores', headers: { cookie: owner }, payload: { slug: 'harbour', name: 'Harbour', currency: 'CNY', timezone: 'Asia/Hong_Kong', alipay: CREDENTIALS } })
  expect(created.statusCode, created.body).toBe(201)
  bodies.push(created.body)
  return { app, owner, harbourId: created.json().id, bodies }
}

/** A session cookie for `pin` in the store `slug` (several stores: login names one). */
async function loginIn (app: App, pin: string, slug: string): Promise<string> {
  const response = await app.inject(login(pin, slug))
  expect(response.statusCode, response.body).toBe(200)
  return cookieFrom(response.headers['set-cookie'], STAFF_COOKIE)
}

function expectNoSecret (responses: Array<LightMyRequestResponse | string>): void {
  for (const response of responses) {
    const body = typeof response === 'string' ? response : response.body
    expect(body).not.toContain(PRIVATE_KEY)
    expect(body).not.toContain(PUBLIC_KEY)
  }
}

describe('the stores repository on PostgreSQL', () => {
  it('creates, finds and lists stores; a slug is taken once', async () => {
    const app = await chainApp()
    const root = app.database.db
    const harbour = await createStore(root, { slug: 'harbour', name: ' Harbour ' }, null)
    expect(harbour).toMatchObject({ slug: 'harbour', name: 'Harbour', sealed_settings: null })
    expect(await findStore(root, harbour.id)).toEqual(harbour)
    expect(await findStoreBySlug(root, 'HARBOUR')).toEqual(harbour)
    expect((await listStores(root)).map(store => store.slug)).toEqual(['default', 'harbour'])
    await expect(createStore(root, { slug: 'harbour', name: 'Other' }, null)).rejects.toMatchObject({ code: 'STORE_SLUG_TAKEN' })
  })

  it('seals a store\'s own settings (never in clear in the row), and needs SECRETS_KEY for them', async () => {
    const app = await chainApp()
    const root = app.database.db
    await expect(createStore(root, { slug: 'kowloon', name: 'Kowloon', settings: { timezone: 'Asia/Hong_Kong' } }, null))
      .rejects.toMatchObject({ code: 'SECRETS_KEY_MISSING' })
    const store = await createStore(root, { slug: 'kowloon', name: 'Kowloon', settings: { alipay: { privateKey: PRIVATE_KEY } } }, SECRETS_KEY)
    expect(store.sealed_settings).toMatch(/^v1\./)
    expect(store.sealed_settings).not.toContain(PRIVATE_KEY)
    expect(openStoreSettings(store, SECRETS_KEY)).toEqual({ alipay: { privateKey: PRIVATE_KEY } })
    const changed = await updateStore(root, store.id, { name: 'Kowloon Bay', settings: { timezone: 'Asia/Hong_Kong', alipay: null } }, SECRETS_KEY)
    expect(changed?.name).toBe('Kowloon Bay')
    expect(openStoreSettings(changed!, SECRETS_KEY)).toEqual({ timezone: 'Asia/Hong_Kong' })
    const cleared = await updateStore(root, store.id, { settings: { timezone: null } }, SECRETS_KEY)
    expect(cleared?.sealed_settings).toBeNull()
    expect(await updateStore(root, 'sto_nowhere', { name: 'x' }, SECRETS_KEY)).toBeNull()
  })
})

describe('login with several stores', () => {
  it('needs the store\'s short name (STORE_REQUIRED) before any PIN is checked', async () => {
    const { app } = await twoStores()
    const response = await app.inject(login(TEST_STAFF_PIN))
    expect(response.statusCode).toBe(400)
    expect(response.json().code).toBe('STORE_REQUIRED')
    const right = await app.inject(login(TEST_STAFF_PIN, 'default'))
    expect(right.statusCode, right.body).toBe(200)
    expect(right.json().store).toMatchObject({ id: 'default', slug: 'default' })
  })

  it('keeps PINs per store: the same PIN is a different member in each, and a member of one store is unknown in another', async () => {
    const { app, harbourId } = await twoStores()
    await createStaff(forStore(app.database.db, harbourId), { name: 'Harbour Boss', role: 'manager', pin: TEST_STAFF_PIN })
    await createStaff(forStore(app.database.db, harbourId), { name: 'Wing', role: 'staff', pin: '112233' })
    const inHarbour = await app.inject(login(TEST_STAFF_PIN, 'harbour'))
    expect(inHarbour.json()).toMatchObject({ staff: { name: 'Harbour Boss', role: 'manager' }, store: { id: harbourId, slug: 'harbour', name: 'Harbour', timezone: 'Asia/Hong_Kong' } })
    const inDefault = await app.inject(login(TEST_STAFF_PIN, 'default'))
    expect(inDefault.json()).toMatchObject({ staff: { name: 'Manager' }, store: { id: 'default' } })
    const wrongStore = await app.inject(login('112233', 'default'))
    expect(wrongStore.statusCode).toBe(401)
    expect(wrongStore.json().code).toBe('INVALID_PIN')
  })

  it('starts an owner in the store they name, and lets them switch; the session follows', async () => {
    const { app, harbourId } = await twoStores()
    const start = await app.inject(login(OWNER_PIN, 'harbour'))
    expect(start.statusCode, start.body).toBe(200)
    expect(start.json()).toMatchObject({ staff: { role: 'owner', name: 'Mei' }, store: { id: harbourId } })
    const cookie = cookieFrom(start.headers['set-cookie'], STAFF_COOKIE)
    const switched = await app.inject({ method: 'PUT', url: '/api/staff/session/store', headers: { cookie }, payload: { storeId: 'default' } })
    expect(switched.statusCode, switched.body).toBe(200)
    expect(switched.json().store).toMatchObject({ id: 'default', slug: 'default' })
    const session = await app.inject({ method: 'GET', url: '/api/staff/session', headers: { cookie } })
    expect(session.json().store.id).toBe('default')
    const back = await app.inject({ method: 'PUT', url: '/api/staff/session/store', headers: { cookie }, payload: { storeId: harbourId } })
    expect(back.json().store).toMatchObject({ id: harbourId, name: 'Harbour' })
  })
})

describe('/api/stores with several stores', () => {
  it('lists every store to the owner and only their own to a manager; no answer carries a key', async () => {
    const { app, owner, harbourId, bodies } = await twoStores()
    const all = await app.inject({ method: 'GET', url: '/api/stores', headers: { cookie: owner } })
    expect(all.json().map((store: { slug: string }) => store.slug)).toEqual(['default', 'harbour'])
    expect(all.json()[1]).toEqual({
      id: harbourId,
      slug: 'harbour',
      name: 'Harbour',
      currency: 'CNY',
      timezone: 'Asia/Hong_Kong',
      paymentMode: 'pay-first',
      alipay: { configured: true, appId: CREDENTIALS.appId, mode: 'sandbox-local' },
    })
    const manager = await loginIn(app, TEST_STAFF_PIN, 'default')
    const own = await app.inject({ method: 'GET', url: '/api/stores', headers: { cookie: manager } })
    expect(own.json().map((store: { id: string }) => store.id)).toEqual(['default'])
    const patched = await app.inject({ method: 'PATCH', url: `/api/stores/${harbourId}`, headers: { cookie: owner }, payload: { alipay: { ...CREDENTIALS, appId: '2021000000000078' } } })
    expect(patched.statusCode, patched.body).toBe(200)
    expectNoSecret([...bodies, all, own, patched])
    const row = await findStore(app.database.db, harbourId)
    expect(row?.sealed_settings).not.toContain(PRIVATE_KEY)
  })

  it('answers 404 to a manager of one store changing another, and lets the owner change any', async () => {
    const { app, owner, harbourId } = await twoStores()
    const manager = await loginIn(app, TEST_STAFF_PIN, 'default')
    const other = await app.inject({ method: 'PATCH', url: `/api/stores/${harbourId}`, headers: { cookie: manager }, payload: { name: 'Mine now' } })
    expect(other.statusCode).toBe(404)
    expect(other.json().code).toBe('STORE_NOT_FOUND')
    const byOwner = await app.inject({ method: 'PATCH', url: `/api/stores/${harbourId}`, headers: { cookie: owner }, payload: { name: 'Harbour City', paymentMode: 'tab' } })
    expect(byOwner.statusCode, byOwner.body).toBe(200)
    expect(byOwner.json()).toMatchObject({ name: 'Harbour City', paymentMode: 'tab' })
  })

  it('refuses to change a store\'s Alipay account while it has payments or refunds to settle (CONFLICT)', async () => {
    const { app, owner, harbourId } = await twoStores()
    const harbour = forStore(app.database.db, harbourId)
    const [paymentId] = await duePayments(app.database.db, 1, Date.now() + 60_000, harbourId)
    const patch = (payload: object) => app.inject({ method: 'PATCH', url: `/api/stores/${harbourId}`, headers: { cookie: owner }, payload })
    const newAccount = { alipay: { ...CREDENTIALS, appId: '2021000000000079' } }

    for (const payload of [newAccount, { alipay: null }]) {
      const refused = await patch(payload)
      expect(refused.statusCode, refused.body).toBe(409)
      expect(refused.json()).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/payments or refunds/) })
    }
    expect(openStoreSettings((await findStore(app.database.db, harbourId))!, SECRETS_KEY).alipay?.appId).toBe(CREDENTIALS.appId)
    // What does not touch the account still changes.
    expect((await patch({ name: 'Harbour City' })).statusCode).toBe(200)

    // The payment settled, a refund of it still open: still refused.
    await harbour.updateTable('payments').set({ status: 'paid', next_check_at: null }).where('id', '=', paymentId!).execute()
    const refundId = await dueRefund(harbour, paymentId!, Date.now() + 60_000)
    expect((await patch(newAccount)).statusCode).toBe(409)

    await harbour.updateTable('refunds').set({ status: 'succeeded', next_check_at: null }).where('id', '=', refundId).execute()
    const changed = await patch(newAccount)
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json().alipay.appId).toBe('2021000000000079')
  })

  it('refuses a taken slug (STORE_SLUG_TAKEN), a bad slug, and a currency the Open Platform cannot take', async () => {
    const { app, owner } = await twoStores()
    const taken = await app.inject({ method: 'POST', url: '/api/stores', headers: { cookie: owner }, payload: { slug: 'harbour', name: 'Again' } })
    expect(taken.statusCode).toBe(409)
    expect(taken.json().code).toBe('STORE_SLUG_TAKEN')
    const badSlug = await app.inject({ method: 'POST', url: '/api/stores', headers: { cookie: owner }, payload: { slug: 'Harbour Two', name: 'Two' } })
    expect(badSlug.statusCode).toBe(400)
    if (app.config.alipay.protocol === 'openapi') {
      const yen = await app.inject({ method: 'POST', url: '/api/stores', headers: { cookie: owner }, payload: { slug: 'tokyo', name: 'Tokyo', currency: 'JPY' } })
      expect(yen.statusCode).toBe(400)
      expect(yen.json().message).toMatch(/ALIPAY_PROTOCOL=global/)
    }
  })

  it('refuses a store\'s own settings without SECRETS_KEY, but adds a store that runs on the environment\'s', async () => {
    const app = await buildEmptyApp()
    await createOwner(app.database.db, { name: 'Mei', pin: OWNER_PIN })
    const owner = await loginStaff(app, OWNER_PIN)
    const sealed = await app.inject({ method: 'POST', url: '/api/stores', headers: { cookie: owner }, payload: { slug: 'harbour', name: 'Harbour', alipay: CREDENTIALS } })
    expect(sealed.statusCode).toBe(409)
    expect(sealed.json().code).toBe('SECRETS_KEY_MISSING')
    const plain = await app.inject({ method: 'POST', url: '/api/stores', headers: { cookie: owner }, payload: { slug: 'harbour', name: 'Harbour' } })
    expect(plain.statusCode, plain.body).toBe(201)
    expect(plain.json().alipay.configured).toBe(false)
  })
})
