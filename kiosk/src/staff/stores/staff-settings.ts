// Restaurant settings the console shows and managers change: the payment mode (pay before the kitchen, or a tab
// paid at the end), which also decides where the orders board puts a placed order.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import { PaymentModeEnum, type PaymentMode } from '@shared/schemas/check'
import { readPaymentMode, setPaymentMode } from '@/staff/api/staff-console'

export const useStaffSettingsStore = defineStore('staff-settings', () => {
  /** The server's mode; pay-first (today's flow) until it has answered. */
  const paymentMode = ref<PaymentMode>(PaymentModeEnum.PAY_FIRST)
  const loaded = ref(false)
  const saving = ref(false)

  async function load (): Promise<void> {
    const answer = await readPaymentMode()
    paymentMode.value = answer.mode
    loaded.value = true
  }

  async function changePaymentMode (mode: PaymentMode): Promise<void> {
    saving.value = true
    try {
      paymentMode.value = (await setPaymentMode({ mode })).mode
    } finally {
      saving.value = false
    }
  }

  function reset (): void {
    paymentMode.value = PaymentModeEnum.PAY_FIRST
    loaded.value = false
    saving.value = false
  }

  return { paymentMode, loaded, saving, load, changePaymentMode, reset }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useStaffSettingsStore, import.meta.hot))
