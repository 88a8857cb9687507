// The LISTEN connection of one process, on its own: it notices a connection that was dropped silently (a NAT or
// firewall forgetting it: no FIN, no RST, just silence) through its heartbeat, one whose backend was ended, and
// says how long it has been deaf while it cannot reconnect.
import { createServer, connect, type Server, type Socket } from 'node:net'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import pino from 'pino'
import { LISTEN_APPLICATION_NAME, LogListener } from '../../src/events/log-listener.js'
import { EVENT_CHANNEL } from '../../src/repositories/event-log.js'
import { adminQuery, freshPgDatabase, TEST_PG_URL } from '../pg.js'
import { pollUntil } from '../poll.js'

const quiet = pino({ level: 'silent' })
let databaseName: string
let databaseUrl: string
const listeners: LogListener[] = []
const proxies: Proxy[] = []

beforeAll(async () => {
  ({ name: databaseName, url: databaseUrl } = await freshPgDatabase())
})

afterEach(async () => {
  await Promise.all(listeners.splice(0).map(listener => listener.close()))
  for (const proxy of proxies.splice(0)) proxy.shutDown()
})

/** A TCP relay to the test server that can go silent on the connections it carries, as a dropped NAT entry does. */
interface Proxy { url: string, silence: () => void, shutDown: () => void }

async function proxy (): Promise<Proxy> {
  const target = new URL(TEST_PG_URL)
  const pairs: Array<[Socket, Socket]> = []
  const server: Server = createServer(down => {
    const up = connect(Number(target.port || 5432), target.hostname)
    down.pipe(up)
    up.pipe(down)
    down.on('error', () => {})
    up.on('error', () => {})
    pairs.push([down, up])
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  const url = new URL(databaseUrl)
  url.port = String(port)
  const created: Proxy = {
    url: url.toString(),
    silence: () => {
      for (const [down, up] of pairs.splice(0)) {
        down.unpipe(up)
        up.unpipe(down)
        down.pause()
        up.pause()
      }
    },
    shutDown: () => {
      server.close()
      for (const [down, up] of pairs.splice(0)) { down.destroy(); up.destroy() }
    },
  }
  proxies.push(created)
  return created
}

function listenerOn (url: string, timing = { heartbeatEveryMs: 100, heartbeatTimeoutMs: 200, connectTimeoutMs: 500 }) {
  const heard: number[] = []
  let reconnections = 0
  const listener = new LogListener(url, {
    notified: lastId => { heard.push(lastId) },
    reconnected: () => { reconnections++ },
  }, quiet, timing)
  listeners.push(listener)
  return { listener, heard, reconnections: () => reconnections }
}


async function notifyOnDatabase (lastId: number): Promise<void> {
  // NOTIFY is per database: sent from a connection to the listener's database.
  const pg = (await import('pg')).default
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query('select pg_notify($1, $2)', [EVENT_CHANNEL, String(lastId)])
  } finally {
    await client.end()
  }
}

describe('the LISTEN connection', () => {
  it('notices a connection that went silent, reconnects and hears notifications again', async () => {
    const relay = await proxy()
    const { listener, heard, reconnections } = listenerOn(relay.url)
    await listener.start()
    await notifyOnDatabase(1)
    await pollUntil(() => heard.includes(1), { what: 'the first notification' })
    const before = listener.backendPid

    relay.silence()
    await pollUntil(() => reconnections() === 1, { what: 'the heartbeat to notice and reconnect' })
    expect(listener.backendPid).not.toBe(before)
    await notifyOnDatabase(2)
    await pollUntil(() => heard.includes(2), { what: 'a notification after the reconnection' })
  })

  it('reconnects after its backend is ended, found by its application_name', async () => {
    const { listener, heard, reconnections } = listenerOn(databaseUrl)
    await listener.start()
    await adminQuery(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = '${LISTEN_APPLICATION_NAME}' and datname = '${databaseName}'`)
    await pollUntil(() => reconnections() === 1, { what: 'the reconnection' })
    await notifyOnDatabase(3)
    await pollUntil(() => heard.includes(3), { what: 'a notification after the reconnection' })
    expect(listener.downForMs()).toBe(0)
  })

  it('closes without waiting forever on a connection that went silent', async () => {
    const relay = await proxy()
    // No heartbeat within the test: close() meets the silent connection itself.
    const { listener } = listenerOn(relay.url, { heartbeatEveryMs: 600_000, heartbeatTimeoutMs: 200, connectTimeoutMs: 500 })
    await listener.start()
    relay.silence()
    await listener.close()
    expect(listener.listening).toBe(false)
  })

  it('counts how long it has been deaf while it cannot reconnect', async () => {
    const relay = await proxy()
    const { listener } = listenerOn(relay.url)
    await listener.start()
    expect(listener.downForMs()).toBe(0)
    relay.shutDown()
    await pollUntil(() => !listener.listening, { what: 'the lost connection to be noticed' })
    const lostAt = Date.now()
    expect(listener.downForMs(lostAt + 10_000)).toBeGreaterThanOrEqual(10_000)
    expect(listener.listening).toBe(false)
  })
})

