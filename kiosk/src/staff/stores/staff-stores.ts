// The chain's stores as the console knows them: every store for the owner (the header's switcher, the Stores
// screen), the member's own store for anyone else.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as api from '@/staff/api/staff-stores'
import type { CreateStore, Store, UpdateStore } from '@shared/schemas/store'

export const useStaffStoresStore = defineStore('staff-stores', () => {
  const stores = ref<Store[]>([])
  const loaded = ref(false)

  /** By name, as the owner reads them in the switcher; a store without a name yet by its short name. */
  const sorted = computed(() => [...stores.value].sort((a, b) => labelOf(a).localeCompare(labelOf(b))))

  async function load (): Promise<void> {
    stores.value = await api.listStores()
    loaded.value = true
  }

  async function add (body: CreateStore): Promise<Store> {
    const store = await api.createStore(body)
    stores.value = [...stores.value, store]
    return store
  }

  async function update (id: string, body: UpdateStore): Promise<Store> {
    const store = await api.updateStore(id, body)
    stores.value = stores.value.map(candidate => candidate.id === id ? store : candidate)
    return store
  }

  function reset (): void {
    stores.value = []
    loaded.value = false
  }

  return { stores, loaded, sorted, load, add, update, reset }
})

/** What a store is called on screen: its name, or its short name while it has none (the default store of a new chain). */
export function labelOf (store: Pick<Store, 'name' | 'slug'>): string {
  return store.name.trim() || store.slug
}

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useStaffStoresStore, import.meta.hot))
