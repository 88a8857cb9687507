// The diner's session on this phone: the table's code from the address, and whether the server still knows them.
// Any 401 means the tp_diner cookie is missing or stale; /t/<code> authorizes again through Alipay and comes back.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import { isApiError } from '@/core/api/client'

export const usePhoneSessionStore = defineStore('phoneSession', () => {
  const tableCode = ref('')
  const expired = ref(false)

  function setTableCode (code: string): void {
    tableCode.value = code
  }

  /** The failure's code (for the diner's words); a 401 also ends the session on this page. */
  function failureCode (error: unknown): string {
    if (isApiError(error)) {
      if (error.status === 401) expired.value = true
      return error.code
    }
    return 'UNKNOWN'
  }

  /** The server's entry page for this table: it authorizes again and comes back to the menu. */
  function entryUrl (): string {
    return `/t/${encodeURIComponent(tableCode.value)}`
  }

  function reauthorize (): void {
    window.location.assign(entryUrl())
  }

  return { tableCode, expired, setTableCode, failureCode, entryUrl, reauthorize }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePhoneSessionStore, import.meta.hot))
