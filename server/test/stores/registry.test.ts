// The store registry (issue 16 phase B): the default store's context is today's services; another store's context
// has its own database scope, settings and — with credentials of its own — its own Alipay gateway; a context is
// rebuilt when its store's settings change (`store.updated`). On SQLite the second store's row is written directly
// (the API creates stores on PostgreSQL only): the registry itself does not care which database it is.
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DEFAULT_STORE_ID, storeScopeOf } from '../../src/db/store-scope.js'
import { seal } from '../../src/lib/secrets.js'
import type { SealedStoreSettings } from '../../src/stores/store-settings.js'
import { buildTestApp, TEST_ALIPAY_PROTOCOL } from '../helper.js'
import { pollUntil } from '../poll.js'

const SECRETS_KEY = randomBytes(32)

type App = Awaited<ReturnType<typeof buildTestApp>>

/** A store row of its own, with `settings` sealed as the stores repository seals them. */
async function addStore (app: App, id: string, name: string, settings: SealedStoreSettings | null): Promise<void> {
  await app.database.db.insertInto('stores').values({
    id,
    slug: id.replace(/_/g, '-'),
    name,
    sealed_settings: settings === null ? null : seal(SECRETS_KEY, JSON.stringify(settings), id),
    created_at: new Date().toISOString(),
  }).execute()
}

/** An Alipay account of the store's own, usable under either protocol the suite runs. */
function ownAlipay (): SealedStoreSettings['alipay'] {
  const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 })
  const merchant = pair()
  const alipay = pair()
  return {
    mode: 'alipay-sandbox',
    gateway: 'http://127.0.0.1:9/gateway.do',
    openApiGateway: 'http://127.0.0.1:9/gateway.do',
    appId: '2021000000000777',
    sellerId: '2088000000000777',
    privateKey: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: alipay.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    global: { partnerId: '2088000000000777', md5Key: 'abcdefghijklmnopqrstuvwxyz012345' } as never,
  }
}

describe('the store registry', () => {
  it('gives the default store\'s context as the app-wide services of today', async () => {
    const app = await buildTestApp()
    const store = app.store
    expect(store.id).toBe(DEFAULT_STORE_ID)
    expect(await app.stores.get(DEFAULT_STORE_ID)).toBe(store)
    expect(storeScopeOf(store.db)).toBe(DEFAULT_STORE_ID)
    expect(store.settings.name).toBe(app.config.store.name)
    expect(store.alipay).toBe(app.alipay)
    expect(app.payments).toBe(store.payments)
    expect(app.refunds).toBe(store.refunds)
    expect(app.alerts).toBe(store.alerts)
    expect(app.printing).toBe(store.printing)
    expect(app.billReconciliation).toBe(store.billReconciliation)
    expect(app.unpaidOrderSweep).toBe(store.unpaidOrderSweep)
    expect((await app.stores.all()).map(ctx => ctx.id)).toEqual([DEFAULT_STORE_ID])
    await expect(app.stores.get('sto_nowhere')).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' })
  })

  it('gives another store its own scope and settings, and its own gateway only when it has credentials', async () => {
    const app = await buildTestApp({ SECRETS_KEY: SECRETS_KEY.toString('hex') })
    await addStore(app, 'sto_own', 'Harbour Noodles', { timezone: 'Asia/Tokyo', alipay: ownAlipay() })
    await addStore(app, 'sto_shared', 'Lotus Garden East', null)

    const own = await app.stores.get('sto_own')
    expect(storeScopeOf(own.db)).toBe('sto_own')
    expect(own.settings).toMatchObject({ name: 'Harbour Noodles', timezone: 'Asia/Tokyo', currency: app.config.store.currency })
    expect(own.alipay).not.toBe(app.alipay)
    expect(own.alipay.sellerId).toBe('2088000000000777')
    expect(own.payments).not.toBe(app.payments)
    expect(own.alerts).not.toBe(app.alerts)
    expect(own.events.storeId).toBe('sto_own')

    const shared = await app.stores.get('sto_shared')
    expect(storeScopeOf(shared.db)).toBe('sto_shared')
    expect(shared.settings.name).toBe('Lotus Garden East')
    // The chain's one merchant account: the environment's setup, shared — but under Alipay Global each trade
    // carries the store's name (no ALIPAY_GLOBAL_STORE_NAME), so there it gets a setup of its own on that account.
    if (TEST_ALIPAY_PROTOCOL === 'openapi') expect(shared.alipay).toBe(app.alipay)
    else expect(shared.alipay).toMatchObject({ appId: app.alipay.appId, sellerId: app.alipay.sellerId })
    expect((await app.stores.all()).map(ctx => ctx.id).sort()).toEqual([DEFAULT_STORE_ID, 'sto_own', 'sto_shared'])
  })

  it('rebuilds a store\'s context when its settings change, and the default store\'s decorators follow', async () => {
    const app = await buildTestApp()
    await addStore(app, 'sto_b', 'Before', null)
    const before = await app.stores.get('sto_b')

    await app.database.db.updateTable('stores').set({ name: 'After' }).where('id', '=', 'sto_b').execute()
    app.events.toProcesses('store.updated', { storeId: 'sto_b' })
    const after = await pollUntil(async () => {
      const ctx = await app.stores.get('sto_b')
      return ctx !== before && ctx
    }, { what: 'the rebuilt context' })
    expect(after.settings.name).toBe('After')
    expect(app.stores.loaded()).not.toContain(before)

    const defaultBefore = app.store
    await app.database.db.updateTable('stores').set({ name: 'Renamed Garden' }).where('id', '=', DEFAULT_STORE_ID).execute()
    app.events.toProcesses('store.updated', { storeId: DEFAULT_STORE_ID })
    await pollUntil(() => app.store !== defaultBefore, { what: 'the default store rebuilt' })
    expect(app.store.settings.name).toBe('Renamed Garden')
    expect(app.payments).toBe(app.store.payments)
  })
  it('keeps one set of per-payment locks and refund attempts per store across reloads', async () => {
    const app = await buildTestApp()
    const before = app.store
    app.events.toProcesses('store.updated', { storeId: DEFAULT_STORE_ID })
    const after = await pollUntil(async () => {
      const ctx = await app.stores.get(DEFAULT_STORE_ID)
      return ctx !== before && ctx
    }, { what: 'the rebuilt context' })
    expect(after.payments).not.toBe(before.payments)

    // A settling step still running on the old service holds the payment: the new service's step waits for it.
    type Serial = (paymentId: string, step: () => Promise<void>) => Promise<void>
    const serialOf = (service: unknown): Serial => {
      const target = service as { serial: Serial }
      return target.serial.bind(target)
    }
    let release!: () => void
    const oldStep = serialOf(before.payments)('pay_reload', () => new Promise<void>(resolve => { release = resolve }))
    let newRan = false
    const newStep = serialOf(after.payments)('pay_reload', async () => { newRan = true })
    await new Promise(resolve => setImmediate(resolve))
    expect(newRan).toBe(false)
    release()
    await Promise.all([oldStep, newStep])
    expect(newRan).toBe(true)

    // An attempt at a refund still running on the old service is joined, not sent again, by the new one.
    const running = new Promise<void>(() => {})
    ;(before.refunds as unknown as { attempts: Map<string, Promise<void>> }).attempts.set('refund_reload', running)
    expect(after.refunds.execute('refund_reload')).toBe(running)
  })
  it('serves the registry\'s live default store as fastify.store, also when it was rebuilt after a failed reload', async () => {
    const app = await buildTestApp()
    const first = app.store
    // Settings sealed and no SECRETS_KEY: the rebuild fails, and the last context built serves on.
    await app.database.db.updateTable('stores').set({ sealed_settings: seal(SECRETS_KEY, '{}', DEFAULT_STORE_ID) }).where('id', '=', DEFAULT_STORE_ID).execute()
    await app.stores.reload(DEFAULT_STORE_ID)
    expect(app.stores.current(DEFAULT_STORE_ID)).toBeUndefined()
    expect(app.store).toBe(first)

    // The settings readable again: the next use builds the context, and fastify.store is that one, not the closed one.
    await app.database.db.updateTable('stores').set({ sealed_settings: null }).where('id', '=', DEFAULT_STORE_ID).execute()
    const rebuilt = await app.stores.get(DEFAULT_STORE_ID)
    expect(rebuilt).not.toBe(first)
    expect(app.store).toBe(rebuilt)
    expect(app.payments).toBe(rebuilt.payments)
  })
})
