// Every route acts in the request's store (`request.store`, set by the auth hooks): its handle, services and settings.
// The app-wide decorators are the default store's, so a route reaching for them would read or write the default
// store whatever store the request belongs to. The root (unscoped) handle is for lookups by a global secret or id
// only, in the few files listed below, each with its reason.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { sourceFiles } from './import-graph.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** The default store's handle and services, and the environment's store settings (store-settings.ts reads those). */
const DEFAULT_STORE_ONLY = /\bfastify\.(?:db|payments|refunds|alerts|printing|billReconciliation|unpaidOrderSweep|alipay|commits)\b|\bconfig\.(?:store|paymentMode|alipay)\b/

/** The default store's context (`fastify.store`; `fastify.stores`, the registry, is fine). */
const DEFAULT_STORE_CONTEXT = /\bfastify\.store\b/

/** The files that may use the default store's context, and why the request's store is not the one. */
const DEFAULT_STORE_USERS: Readonly<Record<string, string>> = {
  'server/src/routes/api/menu/index.ts': "a tablet no store has paired yet shows the default store's menu behind its pairing screen",
  'server/src/routes/api/health/index.ts': "health describes the deployment: the environment's Alipay mode, which is the default store's",
}

/**
 * Publishing on the root hub: the event would carry no store of the request's (the root hub's own publish stamps the
 * default store). Subscribing to it (an unpaired tablet's stream) and `fastify.events.forStore(id)` are fine.
 */
const ROOT_PUBLISH = /\bfastify\.events\.(?:publish|publishAs|toStaff|toTablets|toProcesses)\b/

/** The root handle: every store's rows at once. */
const ROOT_HANDLE = /\.database\.db\b/

/** The files that may use the root handle, and why none of them can ask a store instead. */
const ROOT_HANDLE_USERS: Readonly<Record<string, string>> = {
  'server/src/routes/api/devices/index.ts': 'a new tablet belongs to no store until paired: its row and pairing codes are global',
  'server/src/routes/api/staff/devices/index.ts': 'a pairing code is global and its tablet in no store yet; unclaimed tablets; lockouts count per address',
  'server/src/routes/api/health/index.ts': "reachability is the database's, not a store's",
  'server/src/routes/t/index.ts': 'a table code and an OAuth state are global secrets that name the store',
  'server/src/routes/media/dishes.ts': 'a picture URL carries no session; dish ids are global',
  'server/src/routes/media/uploads.ts': 'photos are content-addressed blobs shared by every store',
  'server/src/routes/api/staff/menu/images.ts': 'photos are content-addressed blobs shared by every store',
  'server/src/routes/api/staff/lockouts/index.ts': "lockouts are the database's, per address: whether it holds several stores decides who sees them",
  'server/src/routes/api/staff/session/index.ts': 'login finds the store by slug and the member by PIN before any session exists',
  'server/src/routes/api/stores/index.ts': 'the stores themselves are global rows',
}

interface Finding { file: string, problem: string }

function storeFindings (files: readonly string[], read: (file: string) => string): Finding[] {
  const findings: Finding[] = []
  for (const file of files) {
    const source = read(file)
    const wrong = DEFAULT_STORE_ONLY.exec(source)
    if (wrong) findings.push({ file, problem: `uses ${wrong[0]} (the default store's): use request.store` })
    if (ROOT_HANDLE.test(source) && !(file in ROOT_HANDLE_USERS)) findings.push({ file, problem: 'uses the root handle without a reason in ROOT_HANDLE_USERS' })
    if (DEFAULT_STORE_CONTEXT.test(source) && !(file in DEFAULT_STORE_USERS)) findings.push({ file, problem: "uses fastify.store (the default store's) without a reason in DEFAULT_STORE_USERS: use request.store" })
    const published = ROOT_PUBLISH.exec(source)
    if (published) findings.push({ file, problem: `publishes through the root hub (${published[0]}): use request.store.events` })
  }
  return findings
}

describe('routes', () => {
  const files = sourceFiles(ROOT, ['server/src/routes'])
  const read = (file: string) => readFileSync(join(ROOT, file), 'utf8')

  it("act in the request's store, never the default store's decorators or settings", () => {
    expect(files).toContain('server/src/routes/api/orders/index.ts')
    expect(storeFindings(files, read)).toEqual([])
  })

  it('keep the root-handle list to files that still use it', () => {
    const stale = Object.keys(ROOT_HANDLE_USERS).filter(file => !files.includes(file) || !ROOT_HANDLE.test(read(file)))
    expect(stale).toEqual([])
  })

  it('keep the default-store list to files that still use fastify.store', () => {
    const stale = Object.keys(DEFAULT_STORE_USERS).filter(file => !files.includes(file) || !DEFAULT_STORE_CONTEXT.test(read(file)))
    expect(stale).toEqual([])
  })

  it('find every way of reaching the default store', () => {
    const sources: Record<string, string> = {
      'a.ts': 'await listTables(fastify.db)',
      'b.ts': 'await fastify.payments.recheck(id)',
      'c.ts': 'const { currency } = fastify.config.store',
      'd.ts': 'const { config } = fastify; config.alipay.mode',
      'e.ts': 'await findTableByCode(fastify.database.db, code)',
      'server/src/routes/t/index.ts': 'await findTableByCodeOnRoot(fastify.database.db, code)',
      'f.ts': 'await listTables(storeOf(request).db); fastify.dbPool; request.store!.settings.currency',
      'g.ts': 'const { currency } = fastify.store.settings',
      'h.ts': "fastify.events.toStaff('order.updated', order)",
      'i.ts': "fastify.events.publish({ kind: 'staff' }, 'x', {})",
      'j.ts': "await fastify.stores.get(id); fastify.events.forStore(id).toProcesses('store.updated', { storeId: id }); hub: fastify.events",
    }
    expect(storeFindings(Object.keys(sources), file => sources[file]!).map(finding => finding.file))
      .toEqual(['a.ts', 'b.ts', 'c.ts', 'd.ts', 'e.ts', 'g.ts', 'h.ts', 'i.ts'])
  })
})
