// The tablet session: which screen a diner sees (derived from the checkout), their language, and the reset between diners.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { Locale } from '@shared/schemas/common'
import { DEFAULT_LOCALE } from '@/core/i18n'
import { mayApplyUpdate, mayReset, dinerPresent as dinerPresentIn, screenOf, type DinerScreen, type TabletMoment } from '@/tablet/policy'
import { useCartStore } from './cart'
import { useCheckoutStore } from './checkout'
import { useTabletConfigStore } from './config'
import { useDeviceStore } from './device'
import { loadedBillStore } from './lazy-bill'
import { useOutboxStore } from './outbox'
import { useSittingStore } from './sitting'

export type KioskScreen = DinerScreen

export const useKioskStore = defineStore('kiosk', () => {
  const locale = ref<Locale>(DEFAULT_LOCALE)
  /** A diner started (tapped the attract screen, or an order of theirs is under way): past the attract screen. */
  const engaged = ref(false)
  /** Staff opened the hidden device panel: the tablet is theirs until they close it. */
  const staffMode = ref(false)
  /** The table's bill is open (from the menu or the thanks screen). */
  const billOpen = ref(false)

  const config = computed(() => useTabletConfigStore().config)

  // An order under way (also one resumed after a reload) means a diner is here: back from paying is the menu.
  watch(() => useCheckoutStore().phase, (phase) => { if (phase !== 'cart') engaged.value = true }, { immediate: true, flush: 'sync' })

  const screen = computed<KioskScreen>(() => screenOf(useCheckoutStore().phase, engaged.value, billOpen.value))

  const moment = computed<TabletMoment>(() => {
    const checkout = useCheckoutStore()
    const device = useDeviceStore().state
    return {
      screen: device === 'paired' ? screen.value : device === 'unpaired' ? 'pairing' : 'loading',
      otherLanguage: locale.value !== DEFAULT_LOCALE,
      cartEmpty: useCartStore().isEmpty,
      // No bill store yet: no bill was ever opened, so no check payment either (lazy-bill.ts).
      paymentOpen: checkout.paymentOpen || (loadedBillStore()?.paymentOpen ?? false),
      sending: checkout.sending,
      unsentOrders: useOutboxStore().count,
      staffMode: staffMode.value,
    }
  })

  /** Something of the current diner is on the tablet (screen, language or cart). */
  const dinerPresent = computed(() => dinerPresentIn({ ...moment.value, screen: screen.value }))
  /** The idle reset may run: never during a payment, never with an order not yet sent, never for staff. */
  const idleResetAllowed = computed(() => mayReset(moment.value))
  /** A waiting app version may take over now. */
  const updateAllowed = computed(() => mayApplyUpdate(moment.value))

  /** The diner starts ordering (from the attract screen, or a cart kept through a reload): the menu. */
  function startOrdering (): void {
    engaged.value = true
  }

  /** "Bill": the table's check, over the menu or the thanks screen. */
  function openBill (): void {
    engaged.value = true
    billOpen.value = true
  }

  function closeBill (): void {
    billOpen.value = false
  }

  function setLocale (next: Locale): void {
    locale.value = next
    // Kept for the sitting: a reload mid-meal stays in the diner's language.
    useSittingStore().setLocale(next === DEFAULT_LOCALE ? null : next)
  }

  function setStaffMode (on: boolean): void {
    staffMode.value = on
  }

  /** Back to the attract screen with nothing of the last diner left (the outbox is not touched). */
  function resetForNextDiner (): void {
    useCheckoutStore().reset()
    useCartStore().clear()
    loadedBillStore()?.reset()
    useSittingStore().clear()
    billOpen.value = false
    locale.value = DEFAULT_LOCALE
    engaged.value = false
  }

  return {
    screen, locale, engaged, billOpen, config, staffMode, dinerPresent, idleResetAllowed, updateAllowed,
    startOrdering, openBill, closeBill, setLocale, setStaffMode, resetForNextDiner,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useKioskStore, import.meta.hot))
