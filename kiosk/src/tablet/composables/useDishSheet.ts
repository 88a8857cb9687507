// The dish sheet over a menu: a dish opened from the grid, or a cart line opened to be changed. The tablet's menu
// screen and the phone page both show it this way.
import { computed, shallowRef } from 'vue'
import type { MenuItem } from '@shared/schemas/menu'
import type { InitialChoice } from '@/tablet/composables/useDishChoice'
import { useCartStore, type LineChoice } from '@/tablet/stores/cart'
import { useMenuStore } from '@/tablet/stores/menu'

export interface DishSheet {
  item: MenuItem
  /** The cart line being edited, when the sheet was opened from the cart. */
  lineKey?: string
  initial?: InitialChoice
}

/** `onEdit` runs when a cart line opens in the sheet (a cart shown as a sheet closes so the dish sheet is seen). */
export function useDishSheet (onEdit: () => void = () => undefined) {
  const menu = useMenuStore()
  const cart = useCartStore()
  const sheet = shallowRef<DishSheet | null>(null)

  /** The open sheet follows the live menu, so a dish that sells out meanwhile shows it at once. */
  const liveSheetItem = computed(() => sheet.value ? menu.itemsById.get(sheet.value.item.id) ?? sheet.value.item : null)

  function openDish (item: MenuItem): void {
    sheet.value = { item }
  }

  function editLine (key: string): void {
    const line = cart.lines.find(candidate => candidate.key === key)
    const item = line ? menu.itemsById.get(line.itemId) : undefined
    if (!line || !item) return
    onEdit()
    sheet.value = { item, lineKey: key, initial: { quantity: line.quantity, optionIds: line.optionIds, note: line.note } }
  }

  function submitDish (choice: LineChoice): void {
    const lineKey = sheet.value?.lineKey
    if (lineKey) cart.replace(lineKey, choice)
    else cart.add(choice)
    sheet.value = null
  }

  return { sheet, liveSheetItem, openDish, editLine, submitDish }
}
