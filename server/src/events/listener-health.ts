// Whether this process hears the other processes' events: on PostgreSQL its streams go quiet while its LISTEN
// connection is down, and health must say so (a load balancer then sends the tablets elsewhere). Loaded only
// on PostgreSQL, like the hub it asks.
import type { EventHub } from '../lib/event-hub.js'

/**
 * A lost LISTEN connection usually comes back within a reconnection or two (RECONNECT_FIRST_MS doubling): past
 * this, the process is reported degraded rather than flapping on every blip.
 */
export const LISTENER_DOWN_GRACE_MS = 5_000

/** False when `hub` is the PostgreSQL hub and has not been listening for longer than the grace. */
export async function eventsListening (hub: EventHub, now = Date.now()): Promise<boolean> {
  const { PostgresEventHub } = await import('./postgres-event-hub.js')
  if (!(hub instanceof PostgresEventHub)) return true
  return hub.listener.downForMs(now) <= LISTENER_DOWN_GRACE_MS
}
