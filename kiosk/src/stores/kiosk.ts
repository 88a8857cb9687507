// The tablet session: which screen a diner sees, their language, and the reset between diners.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Locale } from '@shared/schemas/common'
import { readConfig, type KioskConfig } from '@/config'
import { DEFAULT_LOCALE } from '@/i18n'
import { useCartStore } from './cart'
import { useCheckoutStore } from './checkout'
import { useOutboxStore } from './outbox'

export type KioskScreen = 'attract' | 'menu' | 'pay' | 'thanks'

export const useKioskStore = defineStore('kiosk', () => {
  const screen = ref<KioskScreen>('attract')
  const locale = ref<Locale>(DEFAULT_LOCALE)
  const config = ref<KioskConfig>(readConfig(location.search, import.meta.env))
  /** Staff opened the hidden device panel: the tablet is theirs until they close it. */
  const staffMode = ref(false)

  /** Something of the current diner is on the tablet (screen, language or cart). */
  const dinerPresent = computed(() => screen.value !== 'attract' || locale.value !== DEFAULT_LOCALE || !useCartStore().isEmpty)

  /** The idle reset may run: never during a payment, never with an order not yet sent, never for staff. */
  const idleResetAllowed = computed(() => {
    const checkout = useCheckoutStore()
    return dinerPresent.value && !staffMode.value && !checkout.paymentOpen && !checkout.sending && useOutboxStore().count === 0
  })

  function show (next: KioskScreen): void {
    screen.value = next
  }

  function setLocale (next: Locale): void {
    locale.value = next
  }

  function setStaffMode (on: boolean): void {
    staffMode.value = on
  }

  /** Back to the attract screen with nothing of the last diner left (the outbox is not touched). */
  function resetForNextDiner (): void {
    useCheckoutStore().reset()
    useCartStore().clear()
    locale.value = DEFAULT_LOCALE
    screen.value = 'attract'
  }

  return { screen, locale, config, staffMode, dinerPresent, idleResetAllowed, show, setLocale, setStaffMode, resetForNextDiner }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useKioskStore, import.meta.hot))
