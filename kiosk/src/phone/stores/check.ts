// The table's check as the server words it for this diner: every order with who placed it, totals and payments.
// Read again whenever the stream says something at the table changed; the phone never computes what is owed.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Check, CheckOrder } from '@shared/schemas/check'
import { getCheck } from '@/core/api/check'
import { isApiError } from '@/core/api/client'
import { usePhoneSessionStore } from './session'

/** Who placed an order, as the phone words it: this diner, another diner by number, or the table's tablet. */
export type OrderedBy = { kind: 'me' } | { kind: 'diner', number: number } | { kind: 'tablet' }

export const usePhoneCheckStore = defineStore('phoneCheck', () => {
  const check = shallowRef<Check | null>(null)
  /** Nothing has been ordered at the table yet (404 CHECK_NOT_FOUND). */
  const empty = ref(false)
  const loaded = ref(false)
  /** Code of the last failed read; what was shown before stays on screen. */
  const errorCode = ref<string | null>(null)

  const me = computed(() => check.value?.diners.find(diner => diner.isMe) ?? null)
  /** What "Pay my part" would pay now: this diner's own orders still due. */
  const mineDue = computed(() => {
    const myId = me.value?.id
    if (!myId) return 0
    return (check.value?.orders ?? []).filter(order => order.dinerId === myId).reduce((sum, order) => sum + order.due, 0)
  })
  /** What "Pay all" would pay now: what is due and not held by a payment under way. */
  const payableAll = computed(() => check.value ? Math.max(0, check.value.due - check.value.pending) : 0)
  const open = computed(() => check.value?.status === 'open')

  function orderedBy (order: CheckOrder): OrderedBy {
    if (order.dinerId === null) return { kind: 'tablet' }
    const diner = check.value?.diners.find(candidate => candidate.id === order.dinerId)
    if (diner?.isMe) return { kind: 'me' }
    return { kind: 'diner', number: diner?.number ?? 0 }
  }

  let inFlight: Promise<void> | null = null
  let again = false

  async function load (): Promise<void> {
    try {
      check.value = await getCheck()
      empty.value = false
      errorCode.value = null
    } catch (error) {
      if (isApiError(error) && error.code === 'CHECK_NOT_FOUND') {
        check.value = null
        empty.value = true
        errorCode.value = null
      } else {
        errorCode.value = usePhoneSessionStore().failureCode(error)
      }
    } finally {
      loaded.value = true
    }
  }

  /** Reads the check; calls during a read make one more read after it, so the last change is never missed. */
  function refresh (): Promise<void> {
    if (inFlight) {
      again = true
      return inFlight
    }
    inFlight = (async () => {
      do {
        again = false
        await load()
      } while (again)
    })().finally(() => { inFlight = null })
    return inFlight
  }

  return { check, empty, loaded, errorCode, me, mineDue, payableAll, open, orderedBy, refresh }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePhoneCheckStore, import.meta.hot))
