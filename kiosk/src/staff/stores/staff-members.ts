// Staff accounts, for managers: who may log in to the console, with which role and PIN, and devices locked out by wrong PINs.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { CreateStaffMember, StaffLockout, StaffMember, UpdateStaffMember } from '@shared/schemas/staff'
import { ApiError } from '@/core/api/client'
import * as api from '@/staff/api/staff-console'

export const useStaffMembersStore = defineStore('staff-members', () => {
  const members = ref<StaffMember[]>([])
  const loaded = ref(false)
  /** Addresses refused logins after wrong PINs (lockouts are per device address, not per person). */
  const lockouts = ref<StaffLockout[]>([])

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

  async function loadLockouts (): Promise<void> {
    lockouts.value = await api.listLockouts()
  }

  /** Lets a locked-out device log in again; one whose lockout already ran out counts as done too. */
  async function liftLockout (address: string): Promise<void> {
    try {
      await api.liftLockout(address)
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error
    }
    lockouts.value = lockouts.value.filter(lockout => lockout.address !== address)
  }

  function reset (): void {
    members.value = []
    lockouts.value = []
    loaded.value = false
  }

  return { members, loaded, sorted, lockouts, load, add, update, remove, loadLockouts, liftLockout, reset }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useStaffMembersStore, import.meta.hot))
