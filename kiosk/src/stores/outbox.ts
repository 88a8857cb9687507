// Orders written to IndexedDB before they are sent, and sent again until the server has answered for good.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { CreateOrder, Order } from '@shared/schemas/order'
import { createOrder } from '@/api/orders'
import { ApiError, isApiError } from '@/api/client'
import * as db from '@/db'
import type { OutboxEntry } from '@/db'
import { useCheckoutStore } from './checkout'

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
const MAX_BACKOFF_MS = 60_000

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
  const count = computed(() => entries.value.length)

  const inflight = new Map<string, Promise<SendResult>>()
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

  /** Writes the order to the outbox first, then sends it; a retry with the same id cannot double the order. */
  async function submit (body: CreateOrder): Promise<SendResult> {
    let entry = entries.value.find(candidate => candidate.clientOrderId === body.clientOrderId)
    if (!entry) {
      entry = { clientOrderId: body.clientOrderId, body, createdAt: new Date().toISOString(), attempts: 0, lastErrorCode: null }
      entries.value.push(entry)
    }
    try {
      await db.putOutboxEntry(entry)
    } catch (error) {
      // Without storage the order can still go out now; it just would not survive a reload.
      console.warn('order not written to the outbox', error)
    }
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
    try {
      result = { status: 'sent', order: await createOrder(entry.body) }
    } catch (error) {
      result = classify(error)
    }
    if (result.status === 'sent' || result.status === 'rejected') {
      entries.value = entries.value.filter(candidate => candidate.clientOrderId !== entry.clientOrderId)
      await db.deleteOutboxEntry(entry.clientOrderId).catch((error: unknown) => console.warn('outbox entry not deleted', error))
    } else {
      const stored = entries.value.find(candidate => candidate.clientOrderId === entry.clientOrderId)
      if (stored) {
        stored.attempts += 1
        stored.lastErrorCode = result.error.code
        await db.putOutboxEntry(stored).catch(() => undefined)
      }
    }
    if (result.status === 'queued') scheduleRetry()
    else failures.value = 0
    useCheckoutStore().handleSendResult(entry.clientOrderId, result)
    return result
  }

  function scheduleRetry (): void {
    failures.value += 1
    clearTimeout(retryTimer)
    const delay = Math.min(MAX_BACKOFF_MS, 2_000 * 2 ** (failures.value - 1))
    retryTimer = setTimeout(() => { void drain() }, delay * (0.8 + Math.random() * 0.4))
  }

  /** Sends everything waiting, oldest first; stops at the first failure that says "not now". */
  async function drain (): Promise<void> {
    clearTimeout(retryTimer)
    for (const entry of [...entries.value]) {
      const result = await send(entry)
      if (result.status === 'queued' || result.status === 'held') return
    }
  }

  function stop (): void {
    clearTimeout(retryTimer)
  }

  return { entries, loaded, failures, count, load, submit, drain, stop }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useOutboxStore, import.meta.hot))
