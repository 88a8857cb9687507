// The shared counting windows on PostgreSQL: increments from two connection pools (two processes) at once are
// all counted, a window ends and starts again, and ended windows are swept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate, openPostgres, type OpenedPostgres } from '../../src/db/database.js'
import { countInWindow, deleteEndedWindows, deleteWindow, findWindow, listFullWindows } from '../../src/repositories/limits.js'
import { freshPgDatabase } from '../pg.js'

let first: OpenedPostgres
let second: OpenedPostgres

beforeAll(async () => {
  const { url } = await freshPgDatabase()
  first = await openPostgres(url, 5)
  await migrate(first.db)
  second = await openPostgres(url, 5)
})

afterAll(async () => {
  await first?.close()
  await second?.close()
})

describe('rate_limits windows', () => {
  it('live in an unlogged table: a count is worth a minute, not an fsync', async () => {
    const { rows } = await first.pool.query<{ relpersistence: string }>(`select relpersistence from pg_class where relname = 'rate_limits'`)
    expect(rows).toEqual([{ relpersistence: 'u' }])
  })

  it('counts every increment made at once through two pools, each seeing its own count', async () => {
    const now = 1_000_000
    const counts = await Promise.all(Array.from({ length: 40 }, (_, i) =>
      countInWindow((i % 2 === 0 ? first : second).db, 'login', '10.0.0.1', 60_000, now)))
    expect(counts.map(window => window.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
    expect(new Set(counts.map(window => window.resetAt))).toEqual(new Set([now + 60_000]))
    expect(await findWindow(second.db, 'login', '10.0.0.1', now)).toEqual({ count: 40, resetAt: now + 60_000 })
    // Scopes never share counts.
    expect(await findWindow(first.db, 'pairing', '10.0.0.1', now)).toBeNull()
  })

  it('starts a new window once the old one has ended, and treats an ended one as absent', async () => {
    await countInWindow(first.db, 'pairing', '10.0.0.2', 1000, 5000)
    expect(await countInWindow(second.db, 'pairing', '10.0.0.2', 1000, 5999)).toEqual({ count: 2, resetAt: 6000 })
    expect(await findWindow(first.db, 'pairing', '10.0.0.2', 6000)).toBeNull()
    expect(await deleteWindow(first.db, 'pairing', '10.0.0.2', 6000)).toBe(false)
    expect(await countInWindow(second.db, 'pairing', '10.0.0.2', 1000, 6000)).toEqual({ count: 1, resetAt: 7000 })
  })

  it('lists the full windows of a scope, deletes one, and sweeps the ended ones', async () => {
    const now = 2_000_000
    for (let i = 0; i < 3; i++) await countInWindow(first.db, 'sweep', 'full', 1000, now)
    await countInWindow(first.db, 'sweep', 'one', 1000, now)
    await countInWindow(first.db, 'sweep', 'ended', 10, now - 100)
    expect(await listFullWindows(second.db, 'sweep', 3, now)).toEqual([{ key: 'full', count: 3, resetAt: now + 1000 }])
    expect(await deleteWindow(second.db, 'sweep', 'full', now)).toBe(true)
    expect(await listFullWindows(first.db, 'sweep', 3, now)).toEqual([])
    const left = async (): Promise<string[]> => (await first.db.selectFrom('rate_limits').select('key').where('scope', '=', 'sweep').execute()).map(row => row.key)
    expect(await left()).toEqual(expect.arrayContaining(['one', 'ended']))
    expect(await deleteEndedWindows(second.db, now)).toBeGreaterThanOrEqual(1)
    expect(await left()).toEqual(['one'])
  })
})
