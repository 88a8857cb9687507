// The one connection a process LISTENs for new events on: its own pg.Client (a pooled connection would be handed
// to other queries), reconnected with backoff when it drops. `pg` is imported here, on the PostgreSQL path only.
import type { Client } from 'pg'
import type { FastifyBaseLogger } from 'fastify'
import { EVENT_CHANNEL } from '../repositories/event-log.js'

/** The first retry after a lost connection; doubled on each failure up to RECONNECT_MAX_MS. */
export const RECONNECT_FIRST_MS = 100
/** Long enough not to hammer a restarting server, short enough that streams catch up soon after it is back. */
export const RECONNECT_MAX_MS = 5_000
/**
 * A LISTEN connection only ever receives, so one a NAT or firewall dropped silently looks exactly like a quiet
 * one: nothing fails, and every stream on this process goes quiet. Hence a trivial query this often, given
 * HEARTBEAT_TIMEOUT_MS to answer, or the connection is ended and the reconnection (with its catch-up) runs.
 */
export const HEARTBEAT_EVERY_MS = 10_000
export const HEARTBEAT_TIMEOUT_MS = 5_000
/** A server that does not answer a new connection in this long is as good as down: try again with backoff. */
export const LISTEN_CONNECT_TIMEOUT_MS = 5_000
/** TCP keepalive from this much idleness: the kernel's own check, which also keeps NAT mappings alive. */
export const KEEPALIVE_INITIAL_DELAY_MS = 10_000
/** How the LISTEN connection shows in pg_stat_activity (operators and tests find it by this name). */
export const LISTEN_APPLICATION_NAME = 'tablepad-listen'

export interface LogListenerTiming {
  heartbeatEveryMs: number
  heartbeatTimeoutMs: number
  connectTimeoutMs: number
}

const DEFAULT_TIMING: LogListenerTiming = {
  heartbeatEveryMs: HEARTBEAT_EVERY_MS,
  heartbeatTimeoutMs: HEARTBEAT_TIMEOUT_MS,
  connectTimeoutMs: LISTEN_CONNECT_TIMEOUT_MS,
}

export interface LogListenerHandlers {
  /** A batch up to `lastId` was committed. */
  notified: (lastId: number) => void
  /** Listening again after a lost connection: whatever was notified meanwhile went unheard. Never throws. */
  reconnected: () => void
}

export class LogListener {
  private client: Client | null = null
  private closed = false
  private retryMs = RECONNECT_FIRST_MS
  private retryTimer: NodeJS.Timeout | null = null
  private heartbeatTimer: NodeJS.Timeout | null = null
  /** Since when this process has not been listening (Date.now()); null while it listens. */
  private downSince: number | null = Date.now()
  private readonly timing: LogListenerTiming

  constructor (
    private readonly url: string,
    private readonly handlers: LogListenerHandlers,
    private readonly log: FastifyBaseLogger,
    timing: Partial<LogListenerTiming> = {},
  ) {
    this.timing = { ...DEFAULT_TIMING, ...timing }
  }

  /** Connects and listens; throws when the first connection fails (the app must not start deaf). */
  async start (): Promise<void> {
    await this.connect()
  }

  get listening (): boolean {
    return this.client !== null
  }

  /** How long this process has not been listening (0 while it listens): health reports a long silence. */
  downForMs (now = Date.now()): number {
    return this.downSince === null ? 0 : Math.max(0, now - this.downSince)
  }

  async close (): Promise<void> {
    this.closed = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.stopHeartbeat()
    const client = this.client
    this.client = null
    if (client) await endClient(client, this.timing.heartbeatTimeoutMs)
  }

  private async connect (): Promise<void> {
    const pg = (await import('pg')).default
    const client = new pg.Client({
      connectionString: this.url,
      application_name: LISTEN_APPLICATION_NAME,
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEPALIVE_INITIAL_DELAY_MS,
      connectionTimeoutMillis: this.timing.connectTimeoutMs,
      // The LISTEN itself on a connection that went silent right after connecting would otherwise wait forever.
      query_timeout: this.timing.heartbeatTimeoutMs,
    })
    // An error on an idle client comes before its 'end'; 'end' is where the reconnection starts.
    client.on('error', error => { this.log.warn({ err: error }, 'the event LISTEN connection failed') })
    client.on('end', () => { this.lost(client) })
    client.on('notification', message => {
      const lastId = Number(message.payload)
      if (message.channel === EVENT_CHANNEL && Number.isSafeInteger(lastId)) this.handlers.notified(lastId)
    })
    try {
      await client.connect()
      await client.query(`listen ${EVENT_CHANNEL}`)
    } catch (error) {
      await endClient(client, this.timing.heartbeatTimeoutMs)
      throw error
    }
    if (this.closed) {
      await endClient(client, this.timing.heartbeatTimeoutMs)
      return
    }
    this.client = client
    this.downSince = null
    this.startHeartbeat(client)
  }

  /** Drops the dead client and retries until listening again, then lets the hub catch up. */
  private lost (client: Client): void {
    if (this.closed || client !== this.client) return
    this.client = null
    this.downSince = Date.now()
    this.stopHeartbeat()
    this.scheduleReconnect()
  }

  private startHeartbeat (client: Client): void {
    this.stopHeartbeat()
    this.heartbeatTimer = setInterval(() => { void this.beat(client) }, this.timing.heartbeatEveryMs)
    this.heartbeatTimer.unref()
  }

  private stopHeartbeat (): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer)
    this.heartbeatTimer = null
  }

  /**
   * One `select 1` with a deadline. On failure the client is given up at once (a dead peer may never let
   * end() finish) and ended in the background; the reconnection runs as after any other loss.
   */
  private async beat (client: Client): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => { reject(new Error(`no answer in ${this.timing.heartbeatTimeoutMs} ms`)) }, this.timing.heartbeatTimeoutMs)
    })
    try {
      await Promise.race([client.query('select 1'), timedOut])
    } catch (error) {
      if (client !== this.client) return
      this.log.warn({ err: error }, 'the event LISTEN connection stopped answering; reconnecting')
      this.lost(client)
      void endClient(client, 0)
    } finally {
      clearTimeout(timer)
    }
  }

  private scheduleReconnect (): void {
    if (this.closed) return
    const wait = this.retryMs
    this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS)
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      this.connect().then(() => {
        if (this.closed) return
        this.retryMs = RECONNECT_FIRST_MS
        this.log.info('the event LISTEN connection is back')
        this.handlers.reconnected()
      }, (error: unknown) => {
        this.log.warn({ err: error, retryInMs: this.retryMs }, 'could not reconnect the event LISTEN connection')
        this.scheduleReconnect()
      })
    }, wait)
    this.retryTimer.unref()
  }

  /** The server process behind the LISTEN connection (pg_stat_activity's pid): tests terminate it. */
  get backendPid (): number | null {
    return (this.client as (Client & { processID?: number }) | null)?.processID ?? null
  }
}

/**
 * Ends `client`, giving the server `graceMs` to see it go. end() waits for the connection to close, which a
 * silently dropped one never does (no FIN ever comes back): then its socket is destroyed.
 */
async function endClient (client: Client, graceMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const ended = client.end().catch(() => {})
  const late = new Promise<void>(resolve => { timer = setTimeout(resolve, graceMs) })
  await Promise.race([ended, late])
  clearTimeout(timer)
  ;(client as unknown as { connection?: { stream?: { destroy?: () => void } } }).connection?.stream?.destroy?.()
}
