// The whole menu as staff see it (sold-out dishes included): availability toggles for everyone, editing for managers.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Category, CreateCategory, CreateMenuItem, Menu, MenuItem, MenuOption, UpdateCategory, UpdateMenuItem } from '@shared/schemas/menu'
import * as api from '@/staff/api/staff-console'

export interface StaffMenuSection {
  category: Category
  items: MenuItem[]
}

export const useStaffMenuStore = defineStore('staff-menu', () => {
  const menu = shallowRef<Menu | null>(null)
  const loaded = ref(false)
  /** Dishes and options with an availability change on its way (their switches wait). */
  const pending = ref<Record<string, true>>({})

  const currency = computed(() => menu.value?.currency ?? 'CNY')
  const categories = computed(() => [...menu.value?.categories ?? []].sort((a, b) => a.sort - b.sort))
  const itemsById = computed(() => new Map((menu.value?.items ?? []).map(item => [item.id, item])))

  /** Every category in menu order with its dishes in menu order; empty categories stay (managers fill them). */
  const sections = computed<StaffMenuSection[]>(() => categories.value.map(category => ({
    category,
    items: (menu.value?.items ?? []).filter(item => item.categoryId === category.id).sort((a, b) => a.sort - b.sort),
  })))

  async function load (): Promise<void> {
    menu.value = await api.readMenu()
    loaded.value = true
  }

  /** menu.changed: reload unless this copy already is that version (our own change, applied from its answer). */
  async function changed (version: string | undefined): Promise<void> {
    if (!loaded.value || (version && menu.value?.version === version)) return
    await load()
  }

  function replaceItem (item: MenuItem): void {
    const current = menu.value
    if (!current) return
    const known = current.items.some(candidate => candidate.id === item.id)
    menu.value = {
      ...current,
      items: known ? current.items.map(candidate => candidate.id === item.id ? item : candidate) : [...current.items, item],
    }
  }

  function replaceOption (option: MenuOption): void {
    const current = menu.value
    if (!current) return
    menu.value = {
      ...current,
      items: current.items.map(item => ({
        ...item,
        optionGroups: item.optionGroups.map(group => ({
          ...group,
          options: group.options.map(candidate => candidate.id === option.id ? option : candidate),
        })),
      })),
    }
  }

  async function withPending<T> (id: string, work: () => Promise<T>): Promise<T> {
    pending.value = { ...pending.value, [id]: true }
    try {
      return await work()
    } finally {
      const { [id]: _done, ...rest } = pending.value
      pending.value = rest
    }
  }

  /** Sold out (false) or back (true); every tablet hears it from the server's menu.changed. */
  async function setItemAvailable (id: string, available: boolean): Promise<void> {
    await withPending(id, async () => replaceItem(await api.setItemAvailable(id, available)))
  }

  async function setOptionAvailable (id: string, available: boolean): Promise<void> {
    await withPending(id, async () => replaceOption(await api.setOptionAvailable(id, available)))
  }

  /** Creates a dish; the answer joins the local copy at once (menu.changed follows for everyone). */
  async function createItem (body: CreateMenuItem): Promise<MenuItem> {
    const item = await api.createItem(body)
    replaceItem(item)
    return item
  }

  /** Changes a dish (managers; `available` alone is any staff's sold-out switch). */
  async function updateItem (id: string, body: UpdateMenuItem): Promise<MenuItem> {
    const item = await api.updateItem(id, body)
    replaceItem(item)
    return item
  }

  async function deleteItem (id: string): Promise<void> {
    await api.deleteItem(id)
    const current = menu.value
    if (current) menu.value = { ...current, items: current.items.filter(item => item.id !== id) }
  }

  async function uploadImage (id: string, image: Blob): Promise<MenuItem> {
    const item = await api.uploadItemImage(id, image)
    replaceItem(item)
    return item
  }

  function putCategory (category: Category): void {
    const current = menu.value
    if (current) {
      const known = current.categories.some(candidate => candidate.id === category.id)
      menu.value = {
        ...current,
        categories: known
          ? current.categories.map(candidate => candidate.id === category.id ? category : candidate)
          : [...current.categories, category],
      }
    }
  }

  async function addCategory (body: CreateCategory): Promise<Category> {
    const category = await api.createCategory(body)
    putCategory(category)
    return category
  }

  /** Renames (`names`) or moves (`sort`) a category. */
  async function updateCategory (id: string, body: UpdateCategory): Promise<Category> {
    const category = await api.updateCategory(id, body)
    putCategory(category)
    return category
  }

  async function deleteCategory (id: string): Promise<void> {
    await api.deleteCategory(id)
    const current = menu.value
    if (current) menu.value = { ...current, categories: current.categories.filter(category => category.id !== id) }
  }

  /** Puts a category's dishes in this order; shown at once, and put back if the server refuses. */
  async function reorder (categoryId: string, itemIds: string[]): Promise<void> {
    const current = menu.value
    if (!current) return
    const position = new Map(itemIds.map((id, index) => [id, index + 1]))
    menu.value = {
      ...current,
      items: current.items.map(item => position.has(item.id) ? { ...item, sort: position.get(item.id)! } : item),
    }
    try {
      await api.reorderItems({ categoryId, itemIds })
    } catch (error) {
      menu.value = current
      // Someone else changed these dishes meanwhile: show what the menu is now.
      void load().catch(() => undefined)
      throw error
    }
  }

  function reset (): void {
    menu.value = null
    loaded.value = false
    pending.value = {}
  }

  return {
    menu, loaded, pending, currency, categories, itemsById, sections,
    load, changed, setItemAvailable, setOptionAvailable, createItem, updateItem, deleteItem, uploadImage, addCategory, updateCategory, deleteCategory, reorder, reset,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useStaffMenuStore, import.meta.hot))
