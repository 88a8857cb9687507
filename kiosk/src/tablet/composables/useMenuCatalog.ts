// What a dish grid shows beside the menu: how many of each dish are in the cart, and which category the bar marks
// (the first one until the diner picks or scrolls to another; a category gone from the menu hands over to the first).
import { computed, ref, watch } from 'vue'
import { useCartStore } from '@/tablet/stores/cart'
import { useMenuStore } from '@/tablet/stores/menu'

export function useMenuCatalog () {
  const menu = useMenuStore()
  const cart = useCartStore()
  const activeId = ref<string | null>(null)

  const countByItem = computed(() => {
    const counts = new Map<string, number>()
    for (const line of cart.lines) counts.set(line.itemId, (counts.get(line.itemId) ?? 0) + line.quantity)
    return counts
  })

  watch(() => menu.sections, (sections) => {
    if (!sections.some(section => section.category.id === activeId.value)) activeId.value = sections[0]?.category.id ?? null
  }, { immediate: true })

  return { activeId, countByItem }
}
