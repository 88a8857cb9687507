// `npm run bench`: API throughput and memory, each figure as a ratio to a baseline measured in the same run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { newSecret, nowIso, sha256 } from '../src/lib/tokens.js'
import { createTable } from '../src/repositories/tables.js'
import { projectRoot } from '../src/lib/paths.js'
import { runLoad, type LoadResult } from './load.js'
import type { Menu } from '#shared/schemas/menu.js'

const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16)

async function main (): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tablepad-bench-'))
  const app = await buildApp({ config: loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', PUBLIC_URL: 'http://127.0.0.1:8080', STAFF_PIN: '135790', LOG_LEVEL: 'silent' }) })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  try {
    // A paired tablet, made directly: pairing is not what is measured.
    const table = await createTable(app.db, { label: 'Bench table' })
    const token = newSecret()
    await app.db.insertInto('devices').values({
      id: 'dev_bench', name: 'Bench', token_hash: sha256(token), table_id: table.id, paired_at: nowIso(),
      last_seen_at: null, app_version: null, created_at: nowIso(),
    }).execute()
    const cookie = `tp_device=${token}`
    const menuResponse = await fetch(`${base}/api/menu`, { headers: { cookie } })
    const menu = await menuResponse.json() as Menu
    const etag = menuResponse.headers.get('etag') ?? ''
    const dish = menu.items.find(item => item.available && item.optionGroups.every(group => group.min === 0))!
    const orderBody = (id: string) => JSON.stringify({ clientOrderId: id, lines: [{ itemId: dish.id, quantity: 2, optionIds: [] }] })
    const replayId = crypto.randomUUID()
    await fetch(`${base}/api/orders`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: orderBody(replayId) })

    const rssBefore = process.memoryUsage().rss
    const scenarios: Array<[string, (worker: number, n: number) => Promise<boolean>]> = [
      ['GET /api/health (baseline)', async () => (await drain(fetch(`${base}/api/health`))) === 200],
      ['GET /api/menu (full body)', async () => (await drain(fetch(`${base}/api/menu`, { headers: { cookie } }))) === 200],
      ['GET /api/menu (304, cached)', async () => (await drain(fetch(`${base}/api/menu`, { headers: { cookie, 'if-none-match': etag } }))) === 304],
      ['POST /api/orders (new order)', async () => (await drain(fetch(`${base}/api/orders`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: orderBody(crypto.randomUUID()) }))) === 201],
      ['POST /api/orders (idempotent replay)', async () => (await drain(fetch(`${base}/api/orders`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: orderBody(replayId) }))) === 200],
    ]
    const results: Array<{ name: string, result: LoadResult }> = []
    for (const [name, send] of scenarios) results.push({ name, result: await runLoad({ concurrency: CONCURRENCY, durationMs: DURATION_MS, send }) })
    const orders = await app.db.selectFrom('orders').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    const rssAfter = process.memoryUsage().rss

    const baseline = results[0]!.result
    const lines = [
      `Tablepad bench — ${new Date().toISOString()} — ${CONCURRENCY} concurrent clients, ${DURATION_MS / 1000} s each, loopback`,
      '',
      'scenario                                 req/s   ratio   p50 ms  p99 ms  errors',
      ...results.map(({ name, result }) => [
        name.padEnd(38),
        result.perSecond.toFixed(0).padStart(7),
        (result.perSecond / baseline.perSecond).toFixed(2).padStart(7),
        result.p50Ms.toFixed(1).padStart(8),
        result.p99Ms.toFixed(1).padStart(7),
        String(result.errors).padStart(7),
      ].join(' ')),
      '',
      `orders in the database: ${Number(orders.n)}`,
      `process RSS: ${(rssAfter / 2 ** 20).toFixed(0)} MiB after the run, ${(rssAfter / rssBefore).toFixed(2)}× the RSS before it`,
    ]
    process.stdout.write(lines.join('\n') + '\n')
    const resultsDir = join(projectRoot(), 'bench', 'results')
    mkdirSync(resultsDir, { recursive: true })
    writeFileSync(join(resultsDir, `bench-${Date.now()}.json`), JSON.stringify({ concurrency: CONCURRENCY, durationMs: DURATION_MS, results, rssBefore, rssAfter }, null, 2))
  } finally {
    await app.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** The status, after reading the body so the connection can be reused. */
async function drain (response: Promise<Response>): Promise<number> {
  const answer = await response
  await answer.arrayBuffer()
  return answer.status
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
