// This tablet as the server knows it: registration, pairing code, table and restaurant.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { DeviceMe } from '@shared/schemas/device'
import { getMyDevice, registerDevice, renewPairingCode } from '@/tablet/api/device'
import { isApiError } from '@/core/api/client'
import * as db from '@/db'
import { i18n } from '@/core/i18n'
import { tableLabelIn } from '@shared/table-label'

export type DeviceState =
  /** Not known yet (first start, before the server answered). */
  | 'loading'
  | 'unpaired'
  | 'paired'
  /** The server could not be reached and nothing was cached: the start screen offers a retry. */
  | 'unreachable'

export const useDeviceStore = defineStore('device', () => {
  const me = shallowRef<DeviceMe | null>(null)
  const state = ref<DeviceState>('loading')
  const pairingCode = ref<string | null>(null)
  const pairingExpiresAt = ref<string | null>(null)
  const errorCode = ref<string | null>(null)

  const storeName = computed(() => me.value?.store.name ?? '')
  // The table's Chinese name when the diner reads Chinese and it has one (the app's language, applyLocale).
  const tableLabel = computed(() => me.value?.table ? tableLabelIn(me.value.table, i18n.global.locale.value) : '')
  /** The table's public code (its phone-ordering link), when the server sends it. */
  const tableCode = computed(() => me.value?.table?.code ?? '')
  /** Counts what has been applied, so a read can tell whether something newer arrived while it was on its way. */
  let applied = 0

  function apply (next: DeviceMe): void {
    applied += 1
    me.value = next
    state.value = next.status === 'paired' ? 'paired' : 'unpaired'
    if (next.status === 'paired') {
      pairingCode.value = null
      pairingExpiresAt.value = null
    } else if (next.pairingCode) {
      pairingCode.value = next.pairingCode
      pairingExpiresAt.value = next.pairingExpiresAt ?? null
    }
    void db.writeDevice(next).catch((error: unknown) => console.warn('device not cached', error))
  }

  /**
   * Reads the device and applies it unless something was applied while the read was on its way: that (the event
   * stream's pairing, say) is at least as new, and the read may have been answered before staff paired the tablet.
   */
  async function readAndApply (): Promise<void> {
    const before = applied
    const read = await getMyDevice()
    if (applied === before) apply(read)
  }

  /** Reads the device from the server; a tablet the server does not know registers itself. */
  async function refresh (): Promise<void> {
    try {
      await readAndApply()
      errorCode.value = null
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        await register()
        return
      }
      errorCode.value = isApiError(error) ? error.code : 'UNKNOWN'
      // Offline with a known pairing: keep working from the cache; otherwise the start screen offers a retry.
      if (state.value === 'loading') state.value = 'unreachable'
    }
  }

  async function register (): Promise<void> {
    try {
      const registered = await registerDevice({})
      pairingCode.value = registered.pairingCode
      pairingExpiresAt.value = registered.pairingExpiresAt
      state.value = 'unpaired'
      errorCode.value = null
      // The registration answer has no store name; the next read has (the cookie is set now).
      await readAndApply()
    } catch (error) {
      errorCode.value = isApiError(error) ? error.code : 'UNKNOWN'
      if (state.value === 'loading') state.value = 'unreachable'
    }
  }

  /** Starts from the cached device (so an offline start still shows the menu), then asks the server. */
  async function boot (): Promise<void> {
    try {
      const cached = await db.readDevice()
      if (cached && !me.value) {
        me.value = cached
        state.value = cached.status === 'paired' ? 'paired' : 'loading'
      }
    } catch (error) {
      console.warn('device cache unreadable', error)
    }
    await refresh()
  }

  /** A fresh pairing code (the old one is about to expire). */
  async function renewCode (): Promise<void> {
    try {
      const fresh = await renewPairingCode()
      pairingCode.value = fresh.pairingCode
      pairingExpiresAt.value = fresh.pairingExpiresAt
    } catch (error) {
      errorCode.value = isApiError(error) ? error.code : 'UNKNOWN'
      if (isApiError(error) && error.status === 401) await register()
    }
  }

  return { me, state, pairingCode, pairingExpiresAt, errorCode, storeName, tableLabel, tableCode, apply, refresh, register, boot, renewCode }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useDeviceStore, import.meta.hot))
