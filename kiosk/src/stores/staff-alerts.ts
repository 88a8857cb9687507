// Alerts that need a person (DESIGN.md §6): live from alert.raised, acknowledged by whoever dealt with them.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Alert } from '@shared/schemas/alert'
import * as api from '@/api/staff-console'

export const useStaffAlertsStore = defineStore('staff-alerts', () => {
  const alerts = ref<Alert[]>([])
  /** Whether acknowledged alerts are listed too. */
  const showAll = ref(false)
  const loaded = ref(false)

  const open = computed(() => alerts.value.filter(alert => alert.acknowledgedAt === null))
  const openCount = computed(() => open.value.length)
  const shown = computed(() => [...showAll.value ? alerts.value : open.value]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt)))

  async function load (): Promise<void> {
    alerts.value = await api.listAlerts(showAll.value)
    loaded.value = true
  }

  async function setShowAll (all: boolean): Promise<void> {
    showAll.value = all
    await load()
  }

  function put (alert: Alert): void {
    const known = alerts.value.some(candidate => candidate.id === alert.id)
    alerts.value = known ? alerts.value.map(candidate => candidate.id === alert.id ? alert : candidate) : [alert, ...alerts.value]
  }

  /** alert.raised */
  function receive (alert: Alert): void {
    put(alert)
  }

  async function acknowledge (id: string): Promise<void> {
    put(await api.acknowledgeAlert(id))
  }

  function reset (): void {
    alerts.value = []
    showAll.value = false
    loaded.value = false
  }

  return { alerts, showAll, loaded, open, openCount, shown, load, setShowAll, receive, acknowledge, reset }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useStaffAlertsStore, import.meta.hot))
