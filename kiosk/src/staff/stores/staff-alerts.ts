// Alerts that need a person (docs/alipay.md, "Alerts: what staff do"): live from alert.raised, acknowledged by whoever dealt with them.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Alert } from '@shared/schemas/alert'
import * as api from '@/staff/api/staff-console'

export const useStaffAlertsStore = defineStore('staff-alerts', () => {
  const alerts = ref<Alert[]>([])
  /** Whether acknowledged alerts are listed too. */
  const showAll = ref(false)
  const loaded = ref(false)
  /** Where the next page starts; null when every alert is loaded. */
  const nextCursor = ref<string | null>(null)

  const open = computed(() => alerts.value.filter(alert => alert.acknowledgedAt === null))
  const openCount = computed(() => open.value.length)
  const shown = computed(() => [...showAll.value ? alerts.value : open.value]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt)))

  /** The newest page (alerts come in pages: a flood of them must not load all at once). */
  async function load (): Promise<void> {
    const page = await api.listAlerts(showAll.value)
    alerts.value = page.alerts
    nextCursor.value = page.nextCursor
    loaded.value = true
  }

  /** The next older page, kept below what is shown (an alert already here live is not doubled). */
  async function loadMore (): Promise<void> {
    if (!nextCursor.value) return
    const page = await api.listAlerts(showAll.value, nextCursor.value)
    const known = new Set(alerts.value.map(alert => alert.id))
    alerts.value = [...alerts.value, ...page.alerts.filter(alert => !known.has(alert.id))]
    nextCursor.value = page.nextCursor
  }

  async function setShowAll (all: boolean): Promise<void> {
    showAll.value = all
    await load()
  }

  function put (alert: Alert): void {
    const known = alerts.value.some(candidate => candidate.id === alert.id)
    alerts.value = known ? alerts.value.map(candidate => candidate.id === alert.id ? alert : candidate) : [alert, ...alerts.value]
  }

  /** alert.raised, alert.updated */
  function receive (alert: Alert): void {
    put(alert)
  }

  async function acknowledge (id: string): Promise<void> {
    put(await api.acknowledgeAlert(id))
  }

  function reset (): void {
    alerts.value = []
    nextCursor.value = null
    showAll.value = false
    loaded.value = false
  }

  return { alerts, showAll, loaded, nextCursor, open, openCount, shown, load, loadMore, setShowAll, receive, acknowledge, reset }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useStaffAlertsStore, import.meta.hot))
