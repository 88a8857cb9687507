// Three real server processes on one PostgreSQL database and one Alipay emulator (issue 16): what one process
// does, a tablet connected to another hears; the same order sent to all three at once is one order; the two demo
// stores (the default one and "riverside", seeded by the first process) never see each other's tablets, orders or
// tables, whichever process serves whom; a process killed in the middle of checking a payment leaves it leased
// until the lease runs out (the production lease, about 30 s: the server has no setting to shorten it), then
// another process completes it.
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../alipay/emulator-fixture.js'
import { pollUntil } from '../poll.js'
import { dropCreatedDatabases, freshPgDatabase } from '../pg.js'
import { SseClient, type SseMessage } from '../sse-client.js'
import { startCluster, type Cluster, type ClusterProcess } from './cluster.js'
import { call, orderableDish, orderBody, orderStatus, pairTablet, placeOrder, staffLogin, startQrPayment } from './client.js'
import { RIVERSIDE_ID_PREFIX, RIVERSIDE_SLUG } from '../../src/seed/demo-riverside.js'

let databaseUrl: string
let emulator: Emulator
let cluster: Cluster
let a: ClusterProcess, b: ClusterProcess, c: ClusterProcess
let staffCookie: string
let dishId: string
/** The riverside manager's PIN, from the banner of process A (which seeded the demo chain on the empty database). */
let riversidePin: string

beforeAll(async () => {
  databaseUrl = (await freshPgDatabase()).url
  emulator = await startEmulator()
  cluster = await startCluster(3, { databaseUrl, emulator })
  ;[a, b, c] = cluster.processes as [ClusterProcess, ClusterProcess, ClusterProcess]
  staffCookie = await staffLogin(a.baseUrl)
  // The banner is written just after the process starts listening: it may reach us after /api/health answered.
  riversidePin = await pollUntil(async () => a.bannerPin(`manager of "${RIVERSIDE_SLUG}"`), { what: 'the riverside manager\'s PIN in A\'s banner', timeoutMs: 10_000 })
  dishId = await orderableDish(a.baseUrl, await pairTablet(a.baseUrl, staffCookie, 'Menu reader'))
}, 240_000)

afterAll(async () => {
  await cluster?.stop()
  await emulator?.close()
  // freshPgDatabase's own hook is not run when it was registered inside a beforeAll that failed.
  await dropCreatedDatabases()
}, 60_000)

async function queryRows<T> (text: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    return (await client.query(text, values)).rows as T[]
  } finally {
    await client.end()
  }
}

interface PaymentLease { owner: string | null, until: string | null }

async function paymentLease (paymentId: string): Promise<PaymentLease> {
  const [row] = await queryRows<PaymentLease>('select lease_owner as owner, lease_until as until from payments where id = $1', [paymentId])
  if (!row) throw new Error(`no payment ${paymentId}`)
  return row
}

/** Sessions of the database idle inside a transaction, with how long they have been (ms). */
async function idleInTransaction (): Promise<Array<{ pid: number, idle_ms: number }>> {
  return queryRows(`select pid, (extract(epoch from now() - state_change) * 1000)::int as idle_ms from pg_stat_activity
    where datname = current_database() and state like 'idle in transaction%' and pid <> pg_backend_pid()`, [])
}

/** Longer than any real transaction of a running process stays idle between two statements. */
const FROZEN_IDLE_MS = 500

/**
 * SIGSTOPs `processes` at a moment none of them is inside a transaction: one frozen mid-transaction would hold the
 * writer lock, and the process left running would wait on it (until idle_in_transaction_session_timeout). A
 * session left idle in a transaction after the freeze is a frozen one (a running process's transactions never
 * idle that long): then they run again until it is over, and are frozen again.
 */
async function freezeOutsideTransactions (processes: ClusterProcess[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    for (const member of processes) member.pause()
    const frozenMidTransaction = await pollUntil(async () => {
      const sessions = await idleInTransaction()
      if (sessions.length === 0) return 'none'
      return sessions.some(session => session.idle_ms > FROZEN_IDLE_MS) ? 'some' : null
    }, { what: 'no session idle in a transaction', timeoutMs: 10_000 })
    if (frozenMidTransaction === 'none') return
    for (const member of processes) member.resume()
    if (attempt === 5) throw new Error('could not freeze the processes outside a transaction')
    await pollUntil(async () => (await idleInTransaction()).length === 0, { what: 'the frozen transactions to end' })
  }
}

const isOrder = (orderId: string, status?: string) => (message: SseMessage): boolean => {
  const order = message.data as { id?: string, status?: string }
  return message.event === 'order.updated' && order.id === orderId && (status === undefined || order.status === status)
}

/** Any event about the order `orderId` (its creation or a change). */
const aboutOrder = (orderId: string) => (message: SseMessage): boolean => (message.data as { id?: string }).id === orderId

/**
 * Every message `stream` received up to and including the first that `until` matches. Each message the stream
 * holds or receives is shown to the predicate in arrival order until one matches, so the list is the whole window.
 */
async function messagesUntil (stream: SseClient, until: (message: SseMessage) => boolean, timeoutMs: number): Promise<SseMessage[]> {
  const seen: SseMessage[] = []
  await stream.next(message => { seen.push(message); return until(message) }, timeoutMs)
  return seen
}

/** Whatever is left of one second since `since`, for an event that must arrive within a second of it. */
const restOfASecond = (since: number): number => Math.max(1, 1000 - (Date.now() - since))

describe('three server processes on one PostgreSQL database', () => {
  it('a tablet streaming from process A hears, within a second each, an order placed and paid through process B', async () => {
    const tablet = await pairTablet(a.baseUrl, staffCookie, 'Window 1')
    const stream = await SseClient.open(`${a.baseUrl}/api/events`, { cookie: tablet.cookie })
    try {
      // One order, its QR and its payment through B first, untimed: a process's first use of a route loads its
      // modules (tsx). Paid, so no reconciler has it due later (the last test freezes processes and must not catch
      // one in the middle of checking it).
      const warmUp = await placeOrder(b.baseUrl, tablet, orderBody(dishId))
      expect(warmUp.status).toBe(201)
      const warmUpPayment = await startQrPayment(b.baseUrl, tablet, warmUp.body.id)
      await stream.next(isOrder(warmUp.body.id), 10_000)
      const warmUpPaid = await fetch(`${emulator.base}/trades/${warmUpPayment.id}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
      expect(warmUpPaid.status).toBe(200)
      await stream.next(isOrder(warmUp.body.id, 'paid'), 10_000)

      // The second is measured from B's answer: what is timed is the delivery across processes, not the order.
      const placed = await placeOrder(b.baseUrl, tablet, orderBody(dishId))
      const placedAt = Date.now()
      expect(placed.status).toBe(201)
      await stream.next(isOrder(placed.body.id), restOfASecond(placedAt))

      const payment = await startQrPayment(b.baseUrl, tablet, placed.body.id)
      expect(payment.status).toBe('waiting')
      // The diner pays; Alipay notifies process B (the trade's notify URL), which commits and publishes.
      const paid = await fetch(`${emulator.base}/trades/${payment.id}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
      const paidAt = Date.now()
      expect(paid.status).toBe(200)
      await stream.next(isOrder(placed.body.id, 'paid'), restOfASecond(paidAt))
    } finally {
      stream.close()
    }
  }, 30_000)

  it('twenty concurrent posts of one clientOrderId, spread over the three processes, make one order', async () => {
    const tablet = await pairTablet(c.baseUrl, staffCookie, 'Window 2')
    const body = orderBody(dishId, randomUUID())
    const processes = [a, b, c]
    const answers = await Promise.all(Array.from({ length: 20 }, async (_, i) => placeOrder(processes[i % 3]!.baseUrl, tablet, body)))
    expect(answers.map(answer => answer.status).sort()).toEqual([...Array(19).fill(200), 201])
    expect(new Set(answers.map(answer => answer.body.id)).size).toBe(1)
    const rows = await queryRows<{ count: number }>('select count(*)::int as count from orders where client_order_id = $1', [(body as { clientOrderId: string }).clientOrderId])
    expect(rows[0]!.count).toBe(1)
  }, 30_000)

  it('two stores\' tablets and staff never see each other, whichever process serves them', async () => {
    const riversideStaff = await staffLogin(a.baseUrl, riversidePin, RIVERSIDE_SLUG)
    // Store A (default) has a tablet on process A; store B (riverside) one on process C.
    const tabletA = await pairTablet(a.baseUrl, staffCookie, 'Isolation A')
    const tabletB = await pairTablet(c.baseUrl, riversideStaff, 'Isolation B')
    const riversideDish = await orderableDish(c.baseUrl, tabletB)
    expect(riversideDish.startsWith(RIVERSIDE_ID_PREFIX)).toBe(true)
    // Both staff streams on process A; each tablet's stream on its own process.
    const staffA = await SseClient.open(`${a.baseUrl}/api/staff/events`, { cookie: staffCookie })
    const staffB = await SseClient.open(`${a.baseUrl}/api/staff/events`, { cookie: riversideStaff })
    const streamA = await SseClient.open(`${a.baseUrl}/api/events`, { cookie: tabletA.cookie })
    const streamB = await SseClient.open(`${c.baseUrl}/api/events`, { cookie: tabletB.cookie })
    try {
      const orderB = await placeOrder(b.baseUrl, tabletB, orderBody(riversideDish))
      expect(orderB.status).toBe(201)
      await staffB.next(aboutOrder(orderB.body.id), 10_000)
      await streamB.next(aboutOrder(orderB.body.id), 10_000)
      // Then an order of store A, also through B. A's streams hear it after anything of B's order they could have
      // been sent (B's was committed and delivered first): up to it, nothing of store B may appear.
      const orderA = await placeOrder(b.baseUrl, tabletA, orderBody(dishId))
      expect(orderA.status).toBe(201)
      const mentionsStoreB = (messages: SseMessage[]): string[] => messages.map(message => JSON.stringify(message))
        .filter(text => text.includes(orderB.body.id) || text.includes(tabletB.tableId) || text.includes(tabletB.deviceId))
      expect(mentionsStoreB(await messagesUntil(staffA, aboutOrder(orderA.body.id), 10_000))).toEqual([])
      expect(mentionsStoreB(await messagesUntil(streamA, aboutOrder(orderA.body.id), 10_000))).toEqual([])
      // Nor does store B's side hear of A's order: up to a later order of B's, nothing of store A on B's streams.
      const laterB = await placeOrder(a.baseUrl, tabletB, orderBody(riversideDish))
      expect(laterB.status).toBe(201)
      const mentionsStoreA = (messages: SseMessage[]): string[] => messages.map(message => JSON.stringify(message))
        .filter(text => text.includes(orderA.body.id) || text.includes(tabletA.tableId) || text.includes(tabletA.deviceId))
      expect(mentionsStoreA(await messagesUntil(staffB, aboutOrder(laterB.body.id), 10_000))).toEqual([])
      expect(mentionsStoreA(await messagesUntil(streamB, aboutOrder(laterB.body.id), 10_000))).toEqual([])

      for (const process of [a, b, c]) {
        // A's staff, on any process, list A's tables and orders only.
        const tables = await call<Array<{ id: string }>>(process.baseUrl, '/api/staff/tables', { cookie: staffCookie })
        expect(tables.status).toBe(200)
        expect(tables.body.map(table => table.id)).toContain(tabletA.tableId)
        expect(tables.body.map(table => table.id)).not.toContain(tabletB.tableId)
        const orders = await call<Array<{ id: string }>>(process.baseUrl, '/api/staff/orders', { cookie: staffCookie })
        expect(orders.status).toBe(200)
        expect(orders.body.map(order => order.id)).toContain(orderA.body.id)
        expect(orders.body.map(order => order.id)).not.toContain(orderB.body.id)
        // B's order by id is not found for A's staff (a status change would be allowed on one of A's own) …
        const touched = await call(process.baseUrl, `/api/staff/orders/${orderB.body.id}`, { method: 'PATCH', cookie: staffCookie, body: { status: 'cancelled', reason: 'isolation' } })
        expect(touched.status).toBe(404)
        // … nor for A's tablet.
        expect((await call(process.baseUrl, `/api/orders/${orderB.body.id}`, { cookie: tabletA.cookie })).status).toBe(404)
      }
      // B's order was left as it was; B's staff see it, and not A's.
      const riversideOrders = await call<Array<{ id: string, status: string }>>(c.baseUrl, '/api/staff/orders', { cookie: riversideStaff })
      expect(riversideOrders.body.map(order => order.id).sort()).toEqual([orderB.body.id, laterB.body.id].sort())
      expect(riversideOrders.body.find(order => order.id === orderB.body.id)!.status).toBe(orderB.body.status)
    } finally {
      for (const stream of [staffA, staffB, streamA, streamB]) stream.close()
    }
  }, 60_000)

  // Last: it kills process B.
  it('a process killed while it checks a payment leaves it leased until the lease runs out; then another completes it', async () => {
    const tablet = await pairTablet(a.baseUrl, staffCookie, 'Window 3')
    // No notification reaches anyone, and every query hangs until our client gives up (ALIPAY_TIMEOUT_MS): a
    // check holds its payment's lease for that long, and nobody learns the outcome.
    await emulator.setFaults({ timeoutRate: 1, methods: ['alipay.trade.query'], notify: { drop: true } })
    // A and C frozen, so the reconciler that takes the payment's lease can only be B's.
    await freezeOutsideTransactions([a, c])
    let lease!: PaymentLease
    let paymentId!: string
    let orderId!: string
    try {
      const placed = await placeOrder(b.baseUrl, tablet, orderBody(dishId))
      expect(placed.status).toBe(201)
      orderId = placed.body.id
      const payment = await startQrPayment(b.baseUrl, tablet, orderId)
      expect(payment.status).toBe('waiting')
      paymentId = payment.id
      await pollUntil(async () => (await paymentLease(paymentId)).owner !== null, { what: 'B checking the payment', timeoutMs: 20_000, everyMs: 20 })
      expect(await b.kill()).toEqual({ code: null, signal: 'SIGKILL' })
      // The plug was pulled while B held the lease: nobody gave it back.
      lease = await paymentLease(paymentId)
      expect(lease.owner).not.toBeNull()
      expect(Date.parse(lease.until!)).toBeGreaterThan(Date.now())
    } finally {
      a.resume()
      c.resume()
    }
    const paid = await fetch(`${emulator.base}/trades/${paymentId}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(paid.status).toBe(200)
    // Queries still hang, so whoever takes the payment over holds its lease for a whole check: long enough to see
    // that it is another process (A's or C's instance), and only once B's lease has run out.
    const takenOver = await pollUntil(async () => {
      const now = await paymentLease(paymentId)
      return now.owner !== null && now.owner !== lease.owner ? now : null
    }, { what: 'another process taking the payment\'s lease over', timeoutMs: 60_000, everyMs: 20 })
    expect(Date.parse(takenOver.until!)).toBeGreaterThan(Date.parse(lease.until!))
    // Queries get through again; notifications stay dropped, so only A's or C's reconciler can find it paid.
    await emulator.setFaults({ notify: { drop: true } })
    await pollUntil(async () => (await orderStatus(a.baseUrl, tablet, orderId)) === 'paid', {
      what: `order ${orderId} paid by another process's reconciler`, timeoutMs: 60_000, everyMs: 100,
    })
    const paidSeenAt = Date.now()
    expect(paidSeenAt).toBeGreaterThanOrEqual(Date.parse(lease.until!))
    const payments = await queryRows<{ status: string, lease_owner: string | null }>('select status, lease_owner from payments where order_id = $1', [orderId])
    expect(payments).toHaveLength(1)
    expect(payments[0]!.status).toBe('paid')
  }, 120_000)
})
