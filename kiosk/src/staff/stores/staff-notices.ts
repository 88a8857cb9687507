// Short messages for the console's status area: what an action did, or why the server refused it in plain words.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import { isApiError } from '@/core/api/client'
import { retryAfterOf } from '@/staff/api/staff-console'
import { errorMessageKey } from '@/core/i18n/errors'
import { STAFF_ERRORS } from '@/staff/i18n/errors'
import { useStaffSessionStore } from './staff-session'

export type NoticeTone = 'success' | 'error' | 'info'

export interface StaffNotice {
  id: number
  tone: NoticeTone
  /** Message key under `console.*`, rendered in the current language (so a language switch updates it). */
  key: string
  params: Record<string, string | number>
}

/** How long a notice stays; errors stay longer because they ask for something to be done. */
const SHOW_MS: Record<NoticeTone, number> = { success: 5_000, info: 5_000, error: 10_000 }
const MAX_NOTICES = 3

/** Message key and parameters for a failed request, as the console says it. */
export function describeError (error: unknown): { key: string, params: Record<string, string | number> } {
  if (!isApiError(error)) return { key: 'console.errors.default', params: {} }
  const seconds = retryAfterOf(error)
  return { key: errorMessageKey(STAFF_ERRORS, error.code, error.status), params: seconds ? { seconds } : {} }
}

export const useStaffNoticesStore = defineStore('staff-notices', () => {
  const notices = ref<StaffNotice[]>([])
  let nextId = 1

  function push (tone: NoticeTone, key: string, params: Record<string, string | number> = {}): void {
    const notice: StaffNotice = { id: nextId++, tone, key, params }
    notices.value = [...notices.value, notice].slice(-MAX_NOTICES)
    setTimeout(() => dismiss(notice.id), SHOW_MS[tone])
  }

  function dismiss (id: number): void {
    notices.value = notices.value.filter(notice => notice.id !== id)
  }

  function success (key: string, params: Record<string, string | number> = {}): void {
    push('success', key, params)
  }

  /**
   * Explains a failed request. An ended session (logged out elsewhere, PIN changed, member removed)
   * sends the console back to the PIN screen instead.
   */
  function failure (error: unknown): void {
    if (isApiError(error) && error.status === 401) {
      useStaffSessionStore().expire()
      return
    }
    const { key, params } = describeError(error)
    push('error', key, params)
  }

  /**
   * Runs an action the person asked for: says so when it worked, explains when it did not (and rethrows,
   * so a dialog stays open for another try).
   */
  async function run<T> (work: () => Promise<T>, successKey?: string, params: Record<string, string | number> = {}): Promise<T> {
    try {
      const result = await work()
      if (successKey) success(successKey, params)
      return result
    } catch (error) {
      failure(error)
      throw error
    }
  }

  return { notices, push, dismiss, success, failure, run }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useStaffNoticesStore, import.meta.hot))
