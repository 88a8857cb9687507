// Who is logged in to the staff console (PIN session in the HttpOnly tp_staff cookie) and their role, and the
// store the console works for (its name, currency and timezone), which the session answer carries. A chain's owner
// moves their session from store to store.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { StaffMember, StaffSession, StaffStore } from '@shared/schemas/staff'
import { isApiError } from '@/core/api/client'
import { logIn as apiLogIn, logOut as apiLogOut, readSession } from '@/staff/api/staff-console'
import { switchSessionStore } from '@/staff/api/staff-stores'
import { rememberStoreSlug } from './staff-store-slug'

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

  /** The owner's session is moving to another store (the live feed pauses; the screens reload after). */
  const switching = ref(false)

  const loggedIn = computed(() => member.value !== null)
  /** The chain's owner: every store, and a manager's rights in each. */
  const isOwner = computed(() => member.value?.role === 'owner')
  const isManager = computed(() => member.value?.role === 'manager' || isOwner.value)

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

  /**
   * @param pin - the member's 4 to 8 digit PIN; throws the server's refusal (INVALID_PIN, RATE_LIMITED,
   * STORE_REQUIRED when several stores share the server, STORE_NOT_FOUND).
   * @param storeSlug - the store's short name, when the server asked for one: remembered on this device once it worked.
   */
  async function logIn (pin: string, storeSlug?: string): Promise<void> {
    accept(await apiLogIn(pin, storeSlug))
    if (storeSlug) rememberStoreSlug(storeSlug)
    checkError.value = null
    checked.value = true
  }

  /**
   * Moves the owner's session to another store, then reads the session again: the answer names the store the
   * server now works in (its currency and timezone too), which the console's screens reload for.
   */
  async function switchStore (storeId: string): Promise<void> {
    if (storeId === store.value?.id) return
    switching.value = true
    try {
      await switchSessionStore(storeId)
      accept(await readSession())
    } finally {
      switching.value = false
    }
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

  return { member, store, checked, checkError, switching, loggedIn, isOwner, isManager, restore, logIn, logOut, switchStore, expire }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useStaffSessionStore, import.meta.hot))
