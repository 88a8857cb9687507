// Job leases (lib/job-leases.ts): a named singleton job held by one process at a time, renewed while it runs,
// moved once it runs out, handed over at once when given back. Two handles on one SQLite file stand for two processes.
import { afterEach, describe, expect, it } from 'vitest'
import { migrate, openDatabase, type Db } from '../../src/db/database.js'
import { JobLeases } from '../../src/lib/job-leases.js'
import { leaseHolder } from '../../src/repositories/leases.js'
import { tempDataDir } from '../helper.js'
import { pollUntil } from '../poll.js'
import { at, gate, silent } from './fixtures.js'

const START = Date.parse('2026-03-02T05:00:00.000Z')
const TTL = 1000

const opened: Db[] = []
afterEach(async () => {
  for (const db of opened.splice(0)) await db.destroy()
})

/** Two processes' leases on one new database, on a clock the test moves. */
async function twoProcesses (): Promise<{ a: JobLeases, b: JobLeases, db: Db, clock: { now: number } }> {
  const dir = tempDataDir()
  const [first, second] = [openDatabase(dir).db, openDatabase(dir).db]
  opened.push(first, second)
  await migrate(first)
  const clock = { now: START }
  const leases = (db: Db, owner: string) => new JobLeases({ db, owner, log: silent, now: () => clock.now, ttlMs: TTL })
  return { a: leases(first, 'process-a'), b: leases(second, 'process-b'), db: first, clock }
}

describe('job leases', () => {
  it('are held by one process until they run out or are given back', async () => {
    const { a, b, db, clock } = await twoProcesses()
    expect(await a.acquire('job')).toBe(true)
    expect(await b.acquire('job')).toBe(false)
    // The holder renews.
    clock.now += TTL / 2
    expect(await a.acquire('job')).toBe(true)
    clock.now += TTL - 1
    expect(await b.acquire('job')).toBe(false)
    // Run out: the next process takes it, and the old holder can no longer extend it.
    clock.now += 1
    expect(await b.acquire('job')).toBe(true)
    expect(await a.extend('job')).toBe(false)
    expect(await leaseHolder(db, 'job', at(clock.now))).toBe('process-b')
    // Given back: taken at once.
    await b.release('job')
    expect(await a.acquire('job')).toBe(true)
    // Another name is another lease.
    expect(await b.acquire('other')).toBe(true)
  })

  it('run a job in one process at a time, renewed while it runs, then given back', async () => {
    const { a, b, db, clock } = await twoProcesses()
    const inJob = gate()
    const mayFinish = gate()
    const runs: string[] = []
    const running = a.runExclusive('nightly', async () => {
      runs.push('a')
      inJob.open()
      await mayFinish.promise
    })
    await inJob.promise
    expect(await b.runExclusive('nightly', async () => { runs.push('b') })).toBe(false)

    // Long past the first lease's end, the running job still holds it: renewed every third of the TTL.
    clock.now += 10 * TTL
    await pollUntil(async () => (await leaseHolder(db, 'nightly', at(clock.now))) === 'process-a', { what: 'a renewal' })
    expect(await b.runExclusive('nightly', async () => { runs.push('b') })).toBe(false)

    mayFinish.open()
    expect(await running).toBe(true)
    expect(await leaseHolder(db, 'nightly', at(clock.now))).toBeNull()
    expect(await b.runExclusive('nightly', async () => { runs.push('b') })).toBe(true)
    expect(runs).toEqual(['a', 'b'])
  })

  it('keep a lease after the job when it asks (a printer waiting for its retry)', async () => {
    const { a, b, db, clock } = await twoProcesses()
    expect(await a.runExclusive('printer:p1', async () => ({ keepForMs: 5 * TTL }))).toBe(true)
    expect(await leaseHolder(db, 'printer:p1', at(clock.now + 5 * TTL - 1))).toBe('process-a')
    expect(await b.acquire('printer:p1')).toBe(false)
    clock.now += 5 * TTL
    expect(await b.acquire('printer:p1')).toBe(true)
  })

  it('give the lease back when the job fails', async () => {
    const { a, b } = await twoProcesses()
    await expect(a.runExclusive('job', async () => { throw new Error('boom') })).rejects.toThrow('boom')
    expect(await b.acquire('job')).toBe(true)
  })
})
