// The sales report on screen: the chosen range (a preset or custom days, in the store's timezone) and its figures.
// Managers choose any range; other staff get today's only (the server answers 403 STAFF_FORBIDDEN otherwise).
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { SalesReport } from '@shared/schemas/reports'
import type { StaffStore } from '@shared/schemas/staff'
import { isApiError } from '@/core/api/client'
import { useStaffSessionStore } from '@/staff/stores/staff-session'
import { readSalesReport } from './reports-api'
import { dayIn, presetRange, type DateRange, type RangePreset } from './report-dates'

export const useReportsStore = defineStore('staff-reports', () => {
  const session = useStaffSessionStore()
  /**
   * The store's timezone (STORE_TIMEZONE), from the staff session answer: every session answer carries it with
   * the member, and the console opens no screen before one, so today and the presets are the store's days from
   * the first question — never the browser's.
   */
  const timezone = computed(() => storeInfo().timezone)
  /** The store's currency, for amounts shown before a report has answered. */
  const currency = computed(() => storeInfo().currency)

  function storeInfo (): StaffStore {
    // Unreachable behind the console's login: a member is only ever set together with the store.
    if (session.store === null) throw new Error('The store is not known before the staff session has answered')
    return session.store
  }

  const preset = ref<RangePreset>('today')
  const range = ref<DateRange>(presetRange('today', dayIn(timezone.value)))
  const report = shallowRef<SalesReport | null>(null)
  const loading = ref(false)
  /** The server refused the range for this member: only today's totals are theirs to see. */
  const restricted = ref(false)
  /** Whose figures these are: another member logging in on this device starts afresh. */
  let owner: string | null = null
  /** Only the answer to the latest choice lands (a slow year must not overwrite the day chosen after it). */
  let latest = 0

  const canChooseRange = computed(() => session.isManager && !restricted.value)
  const loaded = computed(() => report.value !== null)

  function today (): string {
    return dayIn(timezone.value)
  }

  async function fetchRange (wanted: DateRange): Promise<void> {
    const ticket = ++latest
    loading.value = true
    try {
      const answer = await readSalesReport(wanted)
      if (ticket !== latest) return
      report.value = answer
    } catch (error) {
      if (ticket !== latest) return
      if (isApiError(error) && error.status === 403 && error.code === 'STAFF_FORBIDDEN' && !restricted.value) {
        // Not a manager after all (the role changed since login): today's totals, which every member may see.
        restricted.value = true
        preset.value = 'today'
        range.value = presetRange('today', today())
        await fetchRange(range.value)
        return
      }
      throw error
    } finally {
      if (ticket === latest) loading.value = false
    }
  }

  /** Loads the current range: today for members who may not choose, whatever was chosen otherwise. */
  async function load (): Promise<void> {
    const member = session.member?.id ?? null
    if (member !== owner) {
      reset()
      owner = member
    }
    if (!canChooseRange.value) {
      preset.value = 'today'
      range.value = presetRange('today', today())
    } else if (preset.value !== 'custom') {
      // A screen opened again on another day: "today" means the new today.
      range.value = presetRange(preset.value, today())
    }
    await fetchRange(range.value)
  }

  async function choose (next: Exclude<RangePreset, 'custom'>): Promise<void> {
    preset.value = next
    range.value = presetRange(next, today())
    await fetchRange(range.value)
  }

  async function chooseCustom (next: DateRange): Promise<void> {
    preset.value = 'custom'
    range.value = { ...next }
    await fetchRange(range.value)
  }

  function reset (): void {
    latest++
    preset.value = 'today'
    range.value = presetRange('today', today())
    report.value = null
    loading.value = false
    restricted.value = false
    owner = null
  }

  return { timezone, currency, preset, range, report, loading, restricted, canChooseRange, loaded, today, load, choose, chooseCustom, reset }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useReportsStore, import.meta.hot))
