// Staff accounts, for managers: who may log in to the console, with which role and PIN.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { CreateStaffMember, StaffMember, UpdateStaffMember } from '@shared/schemas/staff'
import * as api from '@/api/staff-console'

export const useStaffMembersStore = defineStore('staff-members', () => {
  const members = ref<StaffMember[]>([])
  const loaded = ref(false)

  /** Managers first, then by name. */
  const sorted = computed(() => [...members.value].sort((a, b) => {
    if (a.role !== b.role) return a.role === 'manager' ? -1 : 1
    return a.name.localeCompare(b.name)
  }))

  async function load (): Promise<void> {
    members.value = await api.listMembers()
    loaded.value = true
  }

  async function add (body: CreateStaffMember): Promise<StaffMember> {
    const member = await api.addMember(body)
    members.value = [...members.value, member]
    return member
  }

  async function update (id: string, body: UpdateStaffMember): Promise<StaffMember> {
    const member = await api.updateMember(id, body)
    members.value = members.value.map(candidate => candidate.id === id ? member : candidate)
    return member
  }

  async function remove (id: string): Promise<void> {
    await api.removeMember(id)
    members.value = members.value.filter(member => member.id !== id)
  }

  function reset (): void {
    members.value = []
    loaded.value = false
  }

  return { members, loaded, sorted, load, add, update, remove, reset }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useStaffMembersStore, import.meta.hot))
