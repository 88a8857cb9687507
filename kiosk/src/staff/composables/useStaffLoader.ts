// Loads a console screen's data when it opens: a spinner the first time, the last data (and a retry) when a reload fails.
import { onMounted, ref } from 'vue'
import { isApiError } from '@/core/api/client'
import { describeError } from '@/staff/stores/staff-notices'
import { useStaffSessionStore } from '@/staff/stores/staff-session'

export type LoadState = 'loading' | 'ready' | 'error'

/**
 * @param load - fetches the screen's data into its store
 * @param ready - whether the store already holds data to show while it refreshes
 */
export function useStaffLoader (load: () => Promise<unknown>, ready: () => boolean = () => false) {
  const state = ref<LoadState>(ready() ? 'ready' : 'loading')
  const errorKey = ref('')

  async function run (): Promise<void> {
    if (!ready()) state.value = 'loading'
    try {
      await load()
      state.value = 'ready'
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        useStaffSessionStore().expire()
        return
      }
      errorKey.value = describeError(error).key
      // Data already on screen stays; the failure shows as a banner with a retry.
      state.value = 'error'
    }
  }

  onMounted(() => { void run() })
  return { state, errorKey, run }
}
