// The floor: the restaurant's tables and the tablets paired to them, kept live from device.changed events.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Device } from '@shared/schemas/device'
import type { CreateTable, Table, UpdateTable } from '@shared/schemas/table'
import * as api from '@/staff/api/staff-console'

function byLabel (a: Table, b: Table): number {
  return a.label.localeCompare(b.label, undefined, { numeric: true })
}

export const useStaffFloorStore = defineStore('staff-floor', () => {
  const tables = ref<Table[]>([])
  const devices = ref<Device[]>([])
  const loaded = ref(false)

  const sortedTables = computed(() => [...tables.value].sort(byLabel))
  const tablesById = computed(() => new Map(tables.value.map(table => [table.id, table])))

  /** Tablets per table id, for "Table 5 · 2 tablets" and the refusal to remove a table in use. */
  const devicesByTable = computed(() => {
    const map = new Map<string, Device[]>()
    for (const device of devices.value) {
      if (!device.table) continue
      map.set(device.table.id, [...map.get(device.table.id) ?? [], device])
    }
    return map
  })

  /** Paired tablets first (by table), then unpaired ones. */
  const sortedDevices = computed(() => [...devices.value].sort((a, b) => {
    if (!a.table !== !b.table) return a.table ? -1 : 1
    return (a.table?.label ?? '').localeCompare(b.table?.label ?? '', undefined, { numeric: true }) || a.name.localeCompare(b.name)
  }))

  async function load (): Promise<void> {
    const [nextTables, nextDevices] = await Promise.all([api.listTables(), api.listDevices()])
    tables.value = nextTables
    devices.value = nextDevices
    loaded.value = true
  }

  async function loadTables (): Promise<void> {
    tables.value = await api.listTables()
  }

  /** A device.changed event or an action's answer: the newest view of one tablet. */
  function receiveDevice (device: Device): void {
    const known = devices.value.some(candidate => candidate.id === device.id)
    devices.value = known
      ? devices.value.map(candidate => candidate.id === device.id ? { ...candidate, ...device } : candidate)
      : [...devices.value, device]
  }

  /** @param pairingCode - the 6 digits the tablet shows */
  async function pair (pairingCode: string, tableId: string): Promise<Device> {
    const device = await api.pairDevice({ pairingCode, tableId })
    receiveDevice(device)
    return device
  }

  async function renameDevice (id: string, name: string): Promise<void> {
    receiveDevice(await api.updateDevice(id, { name }))
  }

  async function moveDevice (id: string, tableId: string): Promise<void> {
    receiveDevice(await api.updateDevice(id, { tableId }))
  }

  async function unpair (id: string): Promise<void> {
    receiveDevice(await api.unpairDevice(id))
  }

  async function addTable (body: CreateTable): Promise<Table> {
    const table = await api.addTable(body)
    tables.value = [...tables.value, table]
    return table
  }

  async function updateTable (id: string, body: UpdateTable): Promise<void> {
    const table = await api.updateTable(id, body)
    tables.value = tables.value.map(candidate => candidate.id === id ? table : candidate)
    // Tablets show their table's label; the device list shows it too.
    devices.value = devices.value.map(device => device.table?.id === id ? { ...device, table: { id, label: table.label, labelZh: table.labelZh ?? null } } : device)
  }

  async function removeTable (id: string): Promise<void> {
    await api.removeTable(id)
    tables.value = tables.value.filter(table => table.id !== id)
  }

  function reset (): void {
    tables.value = []
    devices.value = []
    loaded.value = false
  }

  return {
    tables, devices, loaded, sortedTables, tablesById, devicesByTable, sortedDevices,
    load, loadTables, receiveDevice, pair, renameDevice, moveDevice, unpair, addTable, updateTable, removeTable, reset,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useStaffFloorStore, import.meta.hot))
