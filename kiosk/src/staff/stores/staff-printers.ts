// Kitchen and counter printers: the list with how each is doing, set up by managers; the board's cards print on them.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { CreatePrinter, Printer, UpdatePrinter } from '@shared/schemas/printer'
import * as api from '@/staff/api/staff-printers'

export const useStaffPrintersStore = defineStore('staff-printers', () => {
  const printers = ref<Printer[]>([])
  const loaded = ref(false)
  let loading: Promise<void> | null = null
  /** Bumped by reset() (a logout): a list asked for before it lands after it and is dropped, not shown to the next person. */
  let generation = 0

  /** Receipts go to a printer that takes no kitchen tickets (the counter's), else to the first one. */
  const receiptPrinter = computed(() => printers.value.find(printer => printer.routing === 'none') ?? printers.value[0] ?? null)

  async function load (): Promise<void> {
    const asked = generation
    const listed = await api.listPrinters()
    if (asked !== generation) return
    printers.value = listed
    loaded.value = true
  }

  /** Loads once for every order card that asks at the same time. */
  function ensureLoaded (): Promise<void> {
    if (loaded.value) return Promise.resolve()
    if (loading) return loading
    const current = load().finally(() => { if (loading === current) loading = null })
    loading = current
    return current
  }

  function put (printer: Printer): void {
    const known = printers.value.some(candidate => candidate.id === printer.id)
    printers.value = known ? printers.value.map(candidate => candidate.id === printer.id ? printer : candidate) : [...printers.value, printer]
  }

  async function add (body: CreatePrinter): Promise<Printer> {
    const printer = await api.addPrinter(body)
    put(printer)
    return printer
  }

  async function update (id: string, body: UpdatePrinter): Promise<Printer> {
    const printer = await api.updatePrinter(id, body)
    put(printer)
    return printer
  }

  async function remove (id: string): Promise<void> {
    await api.removePrinter(id)
    printers.value = printers.value.filter(printer => printer.id !== id)
  }

  function reset (): void {
    generation++
    loading = null
    printers.value = []
    loaded.value = false
  }

  return { printers, loaded, receiptPrinter, load, ensureLoaded, add, update, remove, reset }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useStaffPrintersStore, import.meta.hot))
