// Who is logged in to the staff console (PIN session in the HttpOnly tp_staff cookie) and their role, and the
// store the console works for (its name, currency and timezone), which the session answer carries.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { StaffMember, StaffSession, StaffStore } from '@shared/schemas/staff'
import { isApiError } from '@/core/api/client'
import { logIn as apiLogIn, logOut as apiLogOut, readSession } from '@/staff/api/staff-console'

export const useStaffSessionStore = defineStore('staff-session', () => {
  const member = shallowRef<StaffMember | null>(null)
  /**
   * The store's name, currency and timezone, from the last session answer: known before any screen opens, so
   * the reports count "today" in the store's zone from their first question. Kept at logout (it is the
   * store's, not the member's); null only until the first answer.
   */
  const store = shallowRef<StaffStore | null>(null)
  /** The first session check has answered (until then the console shows neither login nor screens). */
  const checked = ref(false)
  /** Code of a failed session check that was not "logged out" (server unreachable). */
  const checkError = ref<string | null>(null)

  const loggedIn = computed(() => member.value !== null)
  const isManager = computed(() => member.value?.role === 'manager')

  function accept (session: StaffSession): void {
    member.value = session.staff
    store.value = session.store
  }

  /** Reads the session cookie's member: the console survives a reload without a new PIN. */
  async function restore (): Promise<void> {
    try {
      accept(await readSession())
      checkError.value = null
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        member.value = null
        checkError.value = null
      } else {
        checkError.value = isApiError(error) ? error.code : 'UNKNOWN'
      }
    } finally {
      checked.value = true
    }
  }

  /** @param pin - the member's 4 to 8 digit PIN; throws the server's refusal (INVALID_PIN, RATE_LIMITED). */
  async function logIn (pin: string): Promise<void> {
    accept(await apiLogIn(pin))
    checkError.value = null
    checked.value = true
  }

  async function logOut (): Promise<void> {
    try {
      await apiLogOut()
    } finally {
      // Even if the server cannot be told, this screen must not stay open for the next person.
      member.value = null
    }
  }

  /** The server no longer knows this session (logged out elsewhere, PIN changed, removed). */
  function expire (): void {
    member.value = null
  }

  return { member, store, checked, checkError, loggedIn, isManager, restore, logIn, logOut, expire }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useStaffSessionStore, import.meta.hot))
