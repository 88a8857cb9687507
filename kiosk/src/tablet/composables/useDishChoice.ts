// The choices made in the dish sheet: option rules (min/max, sold-out options), quantity, note and live price.
import { computed, ref, type Ref } from 'vue'
import { checkOptionGroup, priceLine, type PricingProblem } from '@shared/pricing'
import type { MenuItem, MenuOption, OptionGroup } from '@shared/schemas/menu'
import type { LineChoice } from '@/tablet/stores/cart'

export interface InitialChoice {
  quantity: number
  optionIds: readonly string[]
  note: string
}

export function useDishChoice (item: Readonly<Ref<MenuItem>>, initial?: InitialChoice) {
  const picked = ref<Set<string>>(new Set(initial?.optionIds ?? []))
  const quantity = ref(initial?.quantity ?? 1)
  const note = ref(initial?.note ?? '')

  function isPicked (option: MenuOption): boolean {
    return picked.value.has(option.id)
  }

  function pickedIn (group: OptionGroup): MenuOption[] {
    return group.options.filter(option => picked.value.has(option.id))
  }

  /** A full multi-choice group or a sold-out option cannot take another pick. */
  function isBlocked (group: OptionGroup, option: MenuOption): boolean {
    if (isPicked(option)) return false
    if (!option.available) return true
    return group.max > 1 && pickedIn(group).length >= group.max
  }

  /** Single choice (max 1): a pick replaces the previous one; an optional single choice can be taken back. */
  function toggle (group: OptionGroup, option: MenuOption): void {
    const next = new Set(picked.value)
    if (next.has(option.id)) {
      if (group.max === 1 && group.min === 1) return
      next.delete(option.id)
    } else {
      if (isBlocked(group, option)) return
      if (group.max === 1) for (const other of group.options) next.delete(other.id)
      next.add(option.id)
    }
    picked.value = next
  }

  /** Each group's rule problem, or null when the group is satisfied (the same rule the server applies). */
  const groupProblems = computed(() => new Map<string, PricingProblem | null>(
    item.value.optionGroups.map(group => [group.id, checkOptionGroup(item.value, group, picked.value)]),
  ))

  const firstProblemGroup = computed(() => item.value.optionGroups.find(group => groupProblems.value.get(group.id)) ?? null)

  /** Picked options in menu order (only those of this dish). */
  const optionIds = computed(() => item.value.optionGroups.flatMap(group => pickedIn(group).map(option => option.id)))

  const unitPrice = computed(() => {
    const priced = priceLine({ ...item.value, available: true }, { itemId: item.value.id, quantity: 1, optionIds: optionIds.value })
    if (priced.ok) return priced.line.unitPrice
    // While a required choice is still open, show the price of what is picked so far.
    const deltas = item.value.optionGroups.flatMap(group => pickedIn(group)).reduce((sum, option) => sum + option.priceDelta, 0)
    return Math.max(0, item.value.price + deltas)
  })

  const total = computed(() => unitPrice.value * quantity.value)
  const complete = computed(() => firstProblemGroup.value === null)
  const orderable = computed(() => item.value.available && complete.value)

  function toLine (): LineChoice {
    return { itemId: item.value.id, quantity: quantity.value, optionIds: optionIds.value, note: note.value.trim() }
  }

  return {
    picked, quantity, note,
    isPicked, pickedIn, isBlocked, toggle,
    groupProblems, firstProblemGroup, optionIds, unitPrice, total, complete, orderable, toLine,
  }
}
