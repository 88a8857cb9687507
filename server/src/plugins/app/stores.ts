// The stores of this database (issue 16 phase B) as `fastify.stores` (the registry of their contexts) and
// `fastify.store` (the default store's context, built when the app is ready). Every store's context is built at
// ready, so each one's background work (print worker, nightly reconciliation) runs from the start rather than from
// its first request; a store whose settings change (`store.updated`, from any process) is rebuilt.
import fp from 'fastify-plugin'
import { DEFAULT_STORE_ID } from '../../db/store-scope.js'
import { StoreNotFoundError } from '../../errors.js'
import { findStore, listStores } from '../../repositories/stores.js'
import { StoreRegistry } from '../../stores/registry.js'
import type { StoreContext } from '../../stores/store-context.js'
import { resolveStoreSettings } from '../../stores/store-settings.js'

declare module 'fastify' {
  interface FastifyInstance {
    stores: StoreRegistry
    /** The default store's context: built when the app is ready (reading it before throws). */
    store: StoreContext
  }
  interface FastifyRequest {
    /** The store the request acts in, set by the auth hooks; null before them, or for an unpaired tablet. */
    store: StoreContext | null
  }
}

export default fp(async (fastify) => {
  const root = fastify.database.db
  const log = fastify.log.child({ module: 'stores' })
  const registry = new StoreRegistry({
    root,
    commits: fastify.commits,
    events: fastify.events,
    settingsOf: async (storeId) => {
      const row = await findStore(root, storeId)
      if (!row) throw new StoreNotFoundError(storeId)
      return resolveStoreSettings(row, fastify.config, fastify.config.secretsKey)
    },
    storeIds: async () => (await listStores(root)).map(row => row.id),
    alipayFor: settings => fastify.alipayFor(settings),
    log,
  })
  /** The last default-store context built: served while a rebuild is under way or after one failed. */
  let defaultStore: StoreContext | null = null

  fastify.decorate('stores', registry)
  fastify.decorate('store', {
    getter (): StoreContext {
      // The registry's live context first: a rebuild may have happened elsewhere than in reload() (a failed reload
      // retried by the next registry.get), and the one remembered here is then closed.
      defaultStore = registry.current(DEFAULT_STORE_ID) ?? defaultStore
      if (defaultStore === null) throw new Error('fastify.store is the default store\'s context, built when the app is ready')
      return defaultStore
    },
  })
  fastify.decorateRequest('store', null)

  async function reload (storeId: string): Promise<void> {
    await registry.reload(storeId)
    if (storeId !== DEFAULT_STORE_ID) return
    // A default store that failed to rebuild keeps serving on its previous context (its services stay usable).
    defaultStore = await registry.get(DEFAULT_STORE_ID).catch(() => defaultStore)
  }

  // Every process hears it: the settings were sealed in the database before it went out.
  const unsubscribe = fastify.events.subscribe((event) => {
    if (event.event !== 'store.updated') return
    const { storeId } = event.data as { storeId: string }
    void reload(storeId)
  })

  fastify.addHook('onReady', async () => {
    // The default store must load: the app-wide decorators are its services.
    defaultStore = await registry.get(DEFAULT_STORE_ID)
    // Another store that cannot load (sealed settings and no SECRETS_KEY, say) is logged; the others serve on.
    for (const storeId of await listStores(root).then(rows => rows.map(row => row.id))) {
      await registry.get(storeId).catch((error: unknown) => { log.error({ err: error, storeId }, 'a store could not be loaded') })
    }
    await registry.reached('ready')
  })
  // Gateway calls need the server listening (the built-in emulator is reached over loopback).
  fastify.addHook('onListen', async () => { await registry.reached('listening') })
  // After the plugins registered later closed (onClose runs in reverse), before the hub and the database close.
  fastify.addHook('onClose', async () => {
    unsubscribe()
    await registry.closeAll()
  })
}, { name: 'stores', dependencies: ['config', 'database', 'event-hub', 'alipay'] })
