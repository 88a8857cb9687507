// Every store's context, built on first use and cached (issue 16 phase B). Plugins contribute each store's services
// as factories; a context is rebuilt when its store's settings change (`store.updated`, heard by every process), its
// old services closed first. Background work (print worker, nightly reconciliation) starts when the app reaches the
// phase it needs, also in contexts built later.
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database.js'
import type { CommitGroup } from '../db/group-commit.js'
import { forStore } from '../db/store-scope.js'
import type { EventHub } from '../lib/event-hub.js'
import type { AlipaySetup } from '../payments/alipay-setup.js'
import { storeCommits, type StoreContext } from './store-context.js'
import type { StoreSettings } from './store-settings.js'

/** Undoes what a factory set up (timers, subscriptions); run when its context is closed. */
export type StoreCloser = () => Promise<void>
export type StoreFactory = (ctx: StoreContext) => Promise<StoreCloser | void>

/** When background work may start: `ready` (the app is ready), `listening` (gateway calls work: the emulator is reached over loopback). */
export type AppPhase = 'ready' | 'listening'

export interface StoreRegistryDeps {
  /** The root (unscoped) handle: each context's `db` is forStore(root, id). */
  root: Db
  commits: CommitGroup
  /** The root hub: each context gets `events.forStore(id)`. */
  events: EventHub
  /** The store's settings; throws StoreNotFoundError for an unknown id. */
  settingsOf: (storeId: string) => Promise<StoreSettings>
  /** Every store's id. */
  storeIds: () => Promise<string[]>
  alipayFor: (settings: StoreSettings) => AlipaySetup
  log: FastifyBaseLogger
}

interface Built {
  ctx: StoreContext
  closers: StoreCloser[]
}

export class StoreRegistry {
  private readonly factories: Array<{ name: string, build: StoreFactory }> = []
  private readonly contexts = new Map<string, Promise<Built>>()
  /** The contexts built and not closed, for the synchronous `loaded()`. */
  private readonly live = new Map<string, StoreContext>()
  private readonly closedContexts = new WeakSet<StoreContext>()
  private readonly phases = new Set<AppPhase>()
  private readonly waiting: Array<{ phase: AppPhase, ctx: StoreContext, start: () => void | Promise<void> }> = []
  private closing = false

  constructor (private readonly deps: StoreRegistryDeps) {}

  /** Plugins contribute their per-store services in registration order; a factory may read earlier fields. */
  addFactory (name: string, build: StoreFactory): void {
    if (this.contexts.size > 0) throw new Error(`store factory "${name}" added after a context was built`)
    this.factories.push({ name, build })
  }

  /** Built on first use and cached; reloaded when a store's settings change. Throws StoreNotFoundError. */
  get (storeId: string): Promise<StoreContext> {
    let built = this.contexts.get(storeId)
    if (built === undefined) {
      built = this.build(storeId)
      this.remember(storeId, built)
    }
    return built.then(entry => entry.ctx)
  }

  /** Every store's context (the stores are listed on the root handle). */
  async all (): Promise<StoreContext[]> {
    const ids = await this.deps.storeIds()
    return Promise.all(ids.map(id => this.get(id)))
  }

  /** The store's context if one is built and open now (none while it is being rebuilt). */
  current (storeId: string): StoreContext | undefined {
    return this.live.get(storeId)
  }

  /** The contexts built so far and still open (background passes over every store use it: all stores are built at ready). */
  loaded (): StoreContext[] {
    return [...this.live.values()]
  }

  /**
   * Rebuilds the store's context on its current settings: the old one's services are closed first (its timers
   * stopped, its worker finished with what it sends), then a new one is built — also for a store not loaded yet
   * (just created), so its background work runs. A store that cannot be built is logged and left unloaded.
   */
  async reload (storeId: string): Promise<void> {
    if (this.closing) return
    const previous = this.contexts.get(storeId)
    const next = (async () => {
      const old = await previous?.catch(() => undefined)
      if (old) await this.close(old)
      return this.build(storeId)
    })()
    this.remember(storeId, next)
    try {
      await next
      this.deps.log.info({ storeId }, 'store context reloaded')
    } catch (error) {
      this.deps.log.error({ err: error, storeId }, 'a store context could not be rebuilt')
    }
  }

  /**
   * Runs `start` for `ctx` once the app reached `phase` (at once when it has), unless the context was closed
   * meanwhile: a context built after the app started still starts its background work.
   */
  whenApp (phase: AppPhase, ctx: StoreContext, start: () => void | Promise<void>): void {
    if (this.phases.has(phase)) {
      void this.startFor(ctx, start)
      return
    }
    this.waiting.push({ phase, ctx, start })
  }

  /** The app reached `phase`: the work waiting for it starts. */
  async reached (phase: AppPhase): Promise<void> {
    this.phases.add(phase)
    const due = this.waiting.filter(entry => entry.phase === phase)
    this.waiting.splice(0, this.waiting.length, ...this.waiting.filter(entry => entry.phase !== phase))
    for (const entry of due) await this.startFor(entry.ctx, entry.start)
  }

  /** Closes every context (the app closing): nothing is built after. */
  async closeAll (): Promise<void> {
    this.closing = true
    const built = await Promise.all([...this.contexts.values()].map(entry => entry.catch(() => undefined)))
    this.contexts.clear()
    for (const entry of built) if (entry) await this.close(entry)
  }

  private async startFor (ctx: StoreContext, start: () => void | Promise<void>): Promise<void> {
    if (this.closedContexts.has(ctx)) return
    try {
      await start()
    } catch (error) {
      this.deps.log.error({ err: error, storeId: ctx.id }, 'a store\'s background work did not start')
    }
  }

  /** Caches `built`; a build that fails is forgotten (unless replaced meanwhile), so the next get tries again. */
  private remember (storeId: string, built: Promise<Built>): void {
    this.contexts.set(storeId, built)
    built.then(
      entry => { if (this.contexts.get(storeId) === built) this.live.set(storeId, entry.ctx) },
      () => { if (this.contexts.get(storeId) === built) this.contexts.delete(storeId) },
    )
  }

  private async build (storeId: string): Promise<Built> {
    if (this.closing) throw new Error(`store ${storeId}: the app is closing`)
    const { root, commits, events, settingsOf, alipayFor } = this.deps
    const settings = await settingsOf(storeId)
    // The factories fill in the services, each seeing the fields of those before it.
    const ctx = {
      id: storeId,
      settings,
      db: forStore(root, storeId),
      commits: storeCommits(commits, root, storeId),
      events: events.forStore(storeId),
      alipay: alipayFor(settings),
    } as StoreContext
    const built: Built = { ctx, closers: [] }
    for (const factory of this.factories) {
      try {
        const closer = await factory.build(ctx)
        if (closer) built.closers.push(closer)
      } catch (error) {
        await this.close(built)
        throw new Error(`store ${storeId}: building its ${factory.name} failed: ${(error as Error).message}`, { cause: error })
      }
    }
    return built
  }

  /** The closers in reverse order: later services may use earlier ones while they stop. */
  private async close (built: Built): Promise<void> {
    this.closedContexts.add(built.ctx)
    if (this.live.get(built.ctx.id) === built.ctx) this.live.delete(built.ctx.id)
    for (const closer of [...built.closers].reverse()) {
      try {
        await closer()
      } catch (error) {
        this.deps.log.warn({ err: error, storeId: built.ctx.id }, 'closing a store\'s service failed')
      }
    }
  }
}
