// GET /api/health on PostgreSQL: a database that stops answering makes the process say 503 "degraded" (so a load
// balancer takes it out), and it says ok again once the database is back. So does a process whose LISTEN connection
// stays down: it would serve streams that hear no other process's events.
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { TEST_PG_URL, freshPgDatabase } from '../pg.js'
import { testConfig } from '../helper.js'
import { pollUntil } from '../poll.js'
import { LISTEN_APPLICATION_NAME } from '../../src/events/log-listener.js'
import { LISTENER_DOWN_GRACE_MS } from '../../src/events/listener-health.js'
import { PostgresEventHub } from '../../src/events/postgres-event-hub.js'

async function admin (text: string, values: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL })
  await client.connect()
  try {
    await client.query(text, values)
  } finally {
    await client.end()
  }
}

describe('GET /api/health on PostgreSQL', () => {
  it('answers 503 degraded while the database refuses connections, ok once it is back', async () => {
    const { name, url } = await freshPgDatabase()
    const app = await buildApp({ config: testConfig({ DATABASE_URL: url, DEMO_SEED: 'false' }) })
    try {
      await app.ready()
      const healthy = await app.inject({ method: 'GET', url: '/api/health' })
      expect(healthy.statusCode).toBe(200)
      expect(healthy.json()).toMatchObject({ status: 'ok', database: { kind: 'postgres', reachable: true } })

      await admin(`alter database ${name} allow_connections false`)
      await admin('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name])
      const down = await app.inject({ method: 'GET', url: '/api/health' })
      expect(down.statusCode).toBe(503)
      expect(down.json()).toMatchObject({ status: 'degraded', database: { kind: 'postgres', reachable: false } })

      await admin(`alter database ${name} allow_connections true`)
      const back = await app.inject({ method: 'GET', url: '/api/health' })
      expect(back.statusCode).toBe(200)
      expect(back.json()).toMatchObject({ status: 'ok', database: { reachable: true } })
    } finally {
      await app.close()
    }
  })

  it('answers 503 degraded while the LISTEN connection cannot come back, ok once it is back', async () => {
    const { name, url } = await freshPgDatabase()
    const app = await buildApp({ config: testConfig({ DATABASE_URL: url, DEMO_SEED: 'false' }) })
    try {
      await app.ready()
      const hub = app.events as PostgresEventHub
      expect(hub).toBeInstanceOf(PostgresEventHub)
      expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ status: 'ok', database: { listening: true } })

      // New connections refused: the pool keeps the ones it has (health's query still answers), the listener's
      // reconnections fail.
      await admin(`alter database ${name} allow_connections false`)
      await admin('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and application_name = $2', [name, LISTEN_APPLICATION_NAME])
      await pollUntil(() => !hub.listener.listening, { what: 'the lost LISTEN connection to be noticed' })
      const blip = await app.inject({ method: 'GET', url: '/api/health' })
      expect(blip.statusCode).toBe(200)
      const down = await pollUntil(async () => {
        const response = await app.inject({ method: 'GET', url: '/api/health' })
        return response.statusCode === 503 ? response : null
      }, { what: 'health to report the deaf process', timeoutMs: LISTENER_DOWN_GRACE_MS + 5_000, everyMs: 200 })
      expect(down.json()).toMatchObject({ status: 'degraded', database: { kind: 'postgres', reachable: true, listening: false } })

      await admin(`alter database ${name} allow_connections true`)
      const back = await pollUntil(async () => {
        const response = await app.inject({ method: 'GET', url: '/api/health' })
        return response.statusCode === 200 ? response : null
      }, { what: 'health ok once the listener reconnected', timeoutMs: 10_000, everyMs: 200 })
      expect(back.json()).toMatchObject({ status: 'ok', database: { reachable: true, listening: true } })
    } finally {
      await admin(`alter database ${name} allow_connections true`)
      await app.close()
    }
  }, 30_000)
})
