// One business day's Z-report, its close and reopen (managers), and the day's reconciliation against Alipay's bill.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { DayReport, Reconciliation } from '@shared/schemas/reports'
import { closeDay, readDayReport, readReconciliation, reopenDay, runReconciliation } from './reports-api'

export const useDayReportStore = defineStore('staff-report-day', () => {
  const date = ref<string | null>(null)
  const report = shallowRef<DayReport | null>(null)
  const reconciliation = shallowRef<Reconciliation | null>(null)
  /** Alipay's bill is being fetched and compared (it can take a few seconds). */
  const checking = ref(false)

  /** Loads the day's report; another day's figures never show under this day's heading. */
  async function load (day: string): Promise<void> {
    if (date.value !== day) {
      report.value = null
      reconciliation.value = null
      date.value = day
    }
    const answer = await readDayReport(day)
    if (date.value === day) report.value = answer
  }

  async function loadReconciliation (day: string): Promise<void> {
    const answer = await readReconciliation(day)
    if (date.value === day) reconciliation.value = answer
  }

  /** The day's report as the close or reopen answered it (the same Z-report the day's GET gives). */
  function settle (day: string, answer: DayReport): void {
    if (date.value === day) report.value = answer
  }

  async function close (): Promise<void> {
    const day = date.value
    if (day === null) return
    settle(day, await closeDay(day))
  }

  /** @param reason - why the day is opened again (kept in the day's history) */
  async function reopen (reason: string): Promise<void> {
    const day = date.value
    if (day === null) return
    settle(day, await reopenDay(day, reason))
  }

  async function checkNow (): Promise<void> {
    const day = date.value
    if (day === null) return
    checking.value = true
    try {
      const answer = await runReconciliation(day)
      if (date.value === day) reconciliation.value = answer
    } finally {
      checking.value = false
    }
  }

  function reset (): void {
    date.value = null
    report.value = null
    reconciliation.value = null
    checking.value = false
  }

  return { date, report, reconciliation, checking, load, loadReconciliation, close, reopen, checkNow, reset }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useDayReportStore, import.meta.hot))
