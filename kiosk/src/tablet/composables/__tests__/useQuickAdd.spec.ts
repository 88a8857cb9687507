// One tap adds a dish with nothing to choose (with a short "Added" note); a dish with choices opens its sheet.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { ADDED_NOTE_MS, useQuickAdd } from '@/tablet/composables/useQuickAdd'
import { useCartStore } from '@/tablet/stores/cart'
import { useMenuStore } from '@/tablet/stores/menu'
import { MENU } from '@/__tests__/support'

const dish = (id: string) => MENU.items.find(item => item.id === id)!

describe('one-tap add', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    setActivePinia(createPinia())
    useMenuStore().menu = structuredClone(MENU)
  })
  afterEach(() => vi.useRealTimers())

  it('adds a dish without options at once and confirms it for a moment', () => {
    const scope = effectScope()
    const opened: string[] = []
    const { added, tapDish } = scope.run(() => useQuickAdd(item => opened.push(item.id)))!
    const tea = dish('tea')
    expect(tea.optionGroups).toEqual([])

    tapDish(tea)
    expect(added.value?.inCart).toBe(1)
    tapDish(tea)

    expect(opened).toEqual([])
    // The second add is said with the new count: the same words again would not be announced.
    expect(added.value?.inCart).toBe(2)
    expect(useCartStore().lines.map(line => [line.itemId, line.quantity])).toEqual([['tea', 2]])
    expect(added.value?.item.id).toBe('tea')
    vi.advanceTimersByTime(ADDED_NOTE_MS)
    expect(added.value).toBeNull()
    scope.stop()
  })

  it('opens the sheet for a dish with choices, and adds nothing yet', () => {
    const scope = effectScope()
    const opened: string[] = []
    const { added, tapDish } = scope.run(() => useQuickAdd(item => opened.push(item.id)))!

    tapDish(dish('mapo'))

    expect(opened).toEqual(['mapo'])
    expect(useCartStore().isEmpty).toBe(true)
    expect(added.value).toBeNull()
    scope.stop()
  })
})
