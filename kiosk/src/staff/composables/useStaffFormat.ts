// The console's formatter: money in the store's currency and every clock time in the store's zone (STORE_TIMEZONE, from the
// session answer), whatever zone the device that shows it is set to.
import { useFormat } from '@/core/composables/useFormat'
import { useStaffSessionStore } from '@/staff/stores/staff-session'

export function useStaffFormat () {
  const session = useStaffSessionStore()
  return useFormat({
    currency: () => session.store?.currency ?? 'CNY',
    // Until the first session answer (only the login screen shows then) the device's zone is all there is.
    timeZone: () => session.store?.timezone,
  })
}
