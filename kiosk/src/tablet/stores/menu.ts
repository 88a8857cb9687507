// The menu the tablet shows: rendered from IndexedDB first, refreshed from the server and on menu.changed.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Category, Menu, MenuItem } from '@shared/schemas/menu'
import { getMenu } from '@/tablet/api/menu'
import { isApiError } from '@/core/api/client'
import * as db from '@/db'

export interface MenuSection {
  category: Category
  items: MenuItem[]
}

const FALLBACK_CURRENCY = 'CNY'

export const useMenuStore = defineStore('menu', () => {
  /** Replaced whole on each refresh, so a shallow ref is enough and cheaper on a large menu. */
  const menu = shallowRef<Menu | null>(null)
  const etag = ref<string | null>(null)
  const loading = ref(false)
  /** Code of the last failed refresh; the cached menu stays on screen meanwhile. */
  const errorCode = ref<string | null>(null)

  const currency = computed(() => menu.value?.currency ?? FALLBACK_CURRENCY)
  const itemsById = computed(() => new Map((menu.value?.items ?? []).map(item => [item.id, item])))

  /** Categories in menu order with their dishes; empty categories are left out. */
  const sections = computed<MenuSection[]>(() => {
    const current = menu.value
    if (!current) return []
    return [...current.categories]
      .sort((a, b) => a.sort - b.sort)
      .map(category => ({
        category,
        items: current.items.filter(item => item.categoryId === category.id).sort((a, b) => a.sort - b.sort),
      }))
      .filter(section => section.items.length > 0)
  })

  function apply (next: Menu, nextEtag: string | null): void {
    menu.value = next
    etag.value = nextEtag
  }

  /** Shows the cached menu at once (it may be a little old); `refresh` brings it up to date. */
  async function loadCached (): Promise<void> {
    if (menu.value) return
    try {
      const cached = await db.readMenu()
      if (cached && !menu.value) apply(cached.menu, cached.etag)
    } catch (error) {
      console.warn('menu cache unreadable', error)
    }
  }

  async function refresh (): Promise<void> {
    loading.value = true
    try {
      const result = await getMenu(menu.value ? etag.value : null)
      errorCode.value = null
      if (!result) return
      apply(result.menu, result.etag)
      await db.writeMenu({ menu: result.menu, etag: result.etag, savedAt: new Date().toISOString() })
        .catch((error: unknown) => console.warn('menu cache not written', error))
    } catch (error) {
      errorCode.value = isApiError(error) ? error.code : 'UNKNOWN'
    } finally {
      loading.value = false
    }
  }

  return { menu, etag, loading, errorCode, currency, itemsById, sections, loadCached, refresh }
})

/** The menu's currency, for formatters that show its prices. */
export function menuCurrency (): string {
  return useMenuStore().currency
}

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useMenuStore, import.meta.hot))
