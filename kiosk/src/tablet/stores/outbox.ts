// Orders written to IndexedDB before they are sent, and sent again until the server has answered for good.
// A leaf: it knows nothing of the checkout; each answer goes to the listeners registered with onResult.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { CreateOrder, Order } from '@shared/schemas/order'
import { createOrder } from '@/tablet/api/orders'
import { ApiError, isApiError } from '@/core/api/client'
import { reportServerReachable } from '@/core/composables/useOnline'
import * as db from '@/db'
import type { OutboxEntry } from '@/db'
import { requestOutboxSync } from '@/pwa/worker-messages'

/** What became of one attempt to send an order. */
export type SendResult =
  | { status: 'sent', order: Order }
  /** No answer or a server fault: kept, and sent again later. */
  | { status: 'queued', error: ApiError }
  /** The tablet is not (or no longer) paired: kept until staff pair it again. */
  | { status: 'held', error: ApiError }
  /** Refused for good (sold out, invalid): removed from the outbox. */
  | { status: 'rejected', error: ApiError }

const DEVICE_CODES = new Set(['DEVICE_UNKNOWN', 'DEVICE_NOT_PAIRED'])

/** Told every answer to an attempt, with the order's client id. */
export type SendResultListener = (clientOrderId: string, result: SendResult) => void

/** Backoff between automatic attempts: 2 s, 4 s, 8 s … up to a minute (with ±20 % jitter). */
export const OUTBOX_BACKOFF = { firstMs: 2_000, maxMs: 60_000 } as const

function classify (error: unknown): SendResult {
  const apiError = isApiError(error) ? error : new ApiError(0, 'UNKNOWN', String(error))
  if (apiError.retryable) return { status: 'queued', error: apiError }
  if (DEVICE_CODES.has(apiError.code) || apiError.status === 401) return { status: 'held', error: apiError }
  return { status: 'rejected', error: apiError }
}

export const useOutboxStore = defineStore('outbox', () => {
  const entries = ref<OutboxEntry[]>([])
  const loaded = ref(false)
  /** Consecutive failed attempts, for the backoff. */
  const failures = ref(0)
  /** Before this time (ms since the epoch) the periodic sweep leaves the outbox alone; a reconnect does not wait. */
  const nextAttemptAt = ref(0)
  /** The last answer said the tablet is not paired: the sweep waits for pairing instead of asking again. */
  const held = ref(false)
  /** Orders the tablet could not write to its storage: still sent from memory, but a reload would lose them. */
  const unsaved = ref<string[]>([])
  const count = computed(() => entries.value.length)

  const inflight = new Map<string, Promise<SendResult>>()
  const listeners = new Set<SendResultListener>()
  let draining: Promise<void> | null = null
  let retryTimer: ReturnType<typeof setTimeout> | undefined

  /** Reads what a previous run left unsent; call once at start. */
  async function load (): Promise<void> {
    try {
      const saved = await db.listOutbox()
      const known = new Set(entries.value.map(entry => entry.clientOrderId))
      entries.value = [...saved.filter(entry => !known.has(entry.clientOrderId)), ...entries.value]
    } catch (error) {
      console.warn('outbox unreadable', error)
    } finally {
      loaded.value = true
    }
  }

  /** Writes an entry; if storage refuses even after freeing caches, the order still goes out from memory. */
  async function persist (entry: OutboxEntry): Promise<void> {
    try {
      await db.putOutboxEntry(entry)
      unsaved.value = unsaved.value.filter(id => id !== entry.clientOrderId)
    } catch (error) {
      console.error(db.isQuotaError(error) ? 'storage full: order kept in memory only' : 'order not written to the outbox', error)
      if (!unsaved.value.includes(entry.clientOrderId)) unsaved.value = [...unsaved.value, entry.clientOrderId]
    }
  }

  /** Writes the order to the outbox first, then sends it; a retry with the same id cannot double the order. */
  async function submit (body: CreateOrder): Promise<SendResult> {
    let entry = entries.value.find(candidate => candidate.clientOrderId === body.clientOrderId)
    if (!entry) {
      entry = { clientOrderId: body.clientOrderId, body, createdAt: new Date().toISOString(), attempts: 0, lastErrorCode: null, lastAttemptAt: null }
      entries.value.push(entry)
    }
    await persist(entry)
    return send(entry)
  }

  function send (entry: OutboxEntry): Promise<SendResult> {
    const running = inflight.get(entry.clientOrderId)
    if (running) return running
    const attempt = attemptSend(entry).finally(() => inflight.delete(entry.clientOrderId))
    inflight.set(entry.clientOrderId, attempt)
    return attempt
  }

  async function attemptSend (entry: OutboxEntry): Promise<SendResult> {
    let result: SendResult
    const attemptedAt = new Date().toISOString()
    try {
      result = { status: 'sent', order: await createOrder(entry.body) }
    } catch (error) {
      result = classify(error)
    }
    // Any answer at all means the server is there; no answer means it is not (the banner follows).
    reportServerReachable(!(result.status === 'queued' && result.error.status === 0))
    if (result.status === 'sent' || result.status === 'rejected') {
      entries.value = entries.value.filter(candidate => candidate.clientOrderId !== entry.clientOrderId)
      unsaved.value = unsaved.value.filter(id => id !== entry.clientOrderId)
      await db.deleteOutboxEntry(entry.clientOrderId).catch((error: unknown) => console.warn('outbox entry not deleted', error))
    } else {
      const stored = entries.value.find(candidate => candidate.clientOrderId === entry.clientOrderId)
      if (stored) {
        stored.attempts += 1
        stored.lastErrorCode = result.error.code
        stored.lastAttemptAt = attemptedAt
        await persist(stored)
      }
    }
    held.value = result.status === 'held'
    if (result.status === 'queued') {
      scheduleRetry()
      void requestOutboxSync()
    } else {
      failures.value = 0
      nextAttemptAt.value = 0
    }
    for (const listener of listeners) listener(entry.clientOrderId, result)
    // After a success, whatever else waits goes out now rather than at the next sweep.
    if (result.status === 'sent' && entries.value.length > 0 && !draining) void drain()
    return result
  }

  function scheduleRetry (): void {
    failures.value += 1
    clearTimeout(retryTimer)
    const delay = Math.min(OUTBOX_BACKOFF.maxMs, OUTBOX_BACKOFF.firstMs * 2 ** (failures.value - 1)) * (0.8 + Math.random() * 0.4)
    nextAttemptAt.value = Date.now() + delay
    retryTimer = setTimeout(() => { void drain() }, delay)
  }

  async function drainOnce (): Promise<void> {
    for (const entry of [...entries.value]) {
      const result = await send(entry)
      if (result.status === 'queued' || result.status === 'held') return
    }
  }

  /**
   * Sends everything waiting, oldest first; stops at the first failure that says "not now".
   * `whenDue` is the periodic sweep: it respects the backoff and a tablet waiting to be paired.
   */
  async function drain (options: { whenDue?: boolean } = {}): Promise<void> {
    if (options.whenDue && (entries.value.length === 0 || held.value || Date.now() < nextAttemptAt.value)) return
    if (draining) return draining
    clearTimeout(retryTimer)
    draining = drainOnce().finally(() => { draining = null })
    return draining
  }

  function stop (): void {
    clearTimeout(retryTimer)
  }

  /** Registers a listener for every answer (a reload or an outage may send an order long after it was placed). */
  function onResult (listener: SendResultListener): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }

  return { entries, loaded, failures, nextAttemptAt, held, unsaved, count, load, submit, drain, stop, onResult }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useOutboxStore, import.meta.hot))
