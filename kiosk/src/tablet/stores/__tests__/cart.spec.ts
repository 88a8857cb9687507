// Cart maths: lines priced by the shared pricing code, merging, limits, sold-out lines and surviving a reload.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { MAX_LINES_PER_ORDER, MAX_NOTE_LENGTH, MAX_QUANTITY_PER_LINE } from '@shared/schemas/order'
import * as db from '@/db'
import { CART_LIMITS, useCartStore } from '@/tablet/stores/cart'
import { useMenuStore } from '@/tablet/stores/menu'
import { MENU } from '@/__tests__/support'

function freshStores () {
  setActivePinia(createPinia())
  const menu = useMenuStore()
  menu.menu = structuredClone(MENU)
  return { cart: useCartStore(), menu }
}

describe('cart', () => {
  beforeEach(() => { freshStores() })
  afterEach(async () => { await db.destroy() })

  it('prices each line with its options and totals the order', () => {
    const { cart } = freshStores()
    cart.add({ itemId: 'mapo', quantity: 2, optionIds: ['hot', 'rice'], note: '' })
    cart.add({ itemId: 'tea', quantity: 1, optionIds: [], note: '' })

    const [mapo, tea] = cart.priced
    expect(mapo?.result.ok && mapo.result.line).toMatchObject({ unitPrice: 4100, lineTotal: 8200 })
    expect(tea?.result.ok && tea.result.line.lineTotal).toBe(1200)
    expect(cart.totals).toEqual({ subtotal: 9400, total: 9400 })
    expect(cart.count).toBe(3)
  })

  it('merges the same dish with the same options and note, and keeps different choices apart', () => {
    const { cart } = freshStores()
    cart.add({ itemId: 'mapo', quantity: 1, optionIds: ['hot', 'rice'], note: ' no coriander ' })
    cart.add({ itemId: 'mapo', quantity: 2, optionIds: ['rice', 'hot'], note: 'no coriander' })
    cart.add({ itemId: 'mapo', quantity: 1, optionIds: ['mild'], note: 'no coriander' })
    cart.add({ itemId: 'mapo', quantity: 1, optionIds: ['hot', 'rice'], note: 'extra sauce' })

    expect(cart.lines.map(line => [line.optionIds, line.note, line.quantity])).toEqual([
      [['hot', 'rice'], 'no coriander', 3],
      [['mild'], 'no coriander', 1],
      [['hot', 'rice'], 'extra sauce', 1],
    ])
  })

  it('keeps quantities between 1 and the per-line maximum, and removes a line set to zero', () => {
    const { cart } = freshStores()
    cart.add({ itemId: 'tea', quantity: 98, optionIds: [], note: '' })
    cart.add({ itemId: 'tea', quantity: 5, optionIds: [], note: '' })
    const key = cart.lines[0]!.key
    expect(cart.lines[0]!.quantity).toBe(CART_LIMITS.maxQuantity)

    cart.setQuantity(key, 3)
    expect(cart.totals.total).toBe(3600)
    cart.setQuantity(key, 0)
    expect(cart.isEmpty).toBe(true)
    expect(cart.totals.total).toBe(0)
  })

  it('replacing an edited line merges it into an identical one', () => {
    const { cart } = freshStores()
    cart.add({ itemId: 'mapo', quantity: 1, optionIds: ['mild'], note: '' })
    cart.add({ itemId: 'mapo', quantity: 2, optionIds: ['hot'], note: '' })
    cart.replace(cart.lines[0]!.key, { itemId: 'mapo', quantity: 1, optionIds: ['hot'], note: '' })

    expect(cart.lines).toHaveLength(1)
    expect(cart.lines[0]).toMatchObject({ optionIds: ['hot'], quantity: 3 })
  })

  it('flags a dish that sold out meanwhile and leaves it out of the total', () => {
    const { cart, menu } = freshStores()
    cart.add({ itemId: 'mapo', quantity: 1, optionIds: ['mild'], note: '' })
    cart.add({ itemId: 'tea', quantity: 2, optionIds: [], note: '' })
    menu.menu = { ...MENU, items: MENU.items.map(item => item.id === 'mapo' ? { ...item, available: false } : item) }

    expect(cart.problems).toEqual([{ code: 'ITEM_UNAVAILABLE', itemId: 'mapo' }])
    expect(cart.totals.total).toBe(2400)
  })

  it('removes only the lines a refusal is about (an option refusal spares lines without that option)', () => {
    const { cart } = freshStores()
    cart.add({ itemId: 'mapo', quantity: 1, optionIds: ['mild', 'egg'], note: '' })
    cart.add({ itemId: 'mapo', quantity: 1, optionIds: ['hot'], note: '' })
    cart.add({ itemId: 'tea', quantity: 1, optionIds: [], note: '' })

    const removed = cart.removeProblemLines([{ code: 'OPTION_UNAVAILABLE', itemId: 'mapo', optionId: 'egg', groupId: 'extras' }])
    expect(removed.map(line => line.optionIds)).toEqual([['mild', 'egg']])
    expect(cart.lines.map(line => line.itemId)).toEqual(['mapo', 'tea'])

    cart.removeProblemLines([{ code: 'ITEM_UNAVAILABLE', itemId: 'mapo' }])
    expect(cart.lines.map(line => line.itemId)).toEqual(['tea'])
  })

  it('builds the order body the API expects (notes only when given)', () => {
    const { cart } = freshStores()
    cart.add({ itemId: 'mapo', quantity: 2, optionIds: ['hot'], note: 'less oil' })
    cart.add({ itemId: 'tea', quantity: 1, optionIds: [], note: '' })
    cart.setNote('  birthday  ')

    expect(cart.orderBody('6f1c1a4e-3b8a-4c55-9d1e-111111111111')).toEqual({
      clientOrderId: '6f1c1a4e-3b8a-4c55-9d1e-111111111111',
      lines: [
        { itemId: 'mapo', quantity: 2, optionIds: ['hot'], note: 'less oil' },
        { itemId: 'tea', quantity: 1, optionIds: [] },
      ],
      note: 'birthday',
    })
  })

  it('survives a reload: every change is in IndexedDB at once', async () => {
    const first = freshStores().cart
    await first.restore()
    first.add({ itemId: 'mapo', quantity: 2, optionIds: ['hot', 'rice'], note: 'less oil' })
    first.setNote('window seat')
    await nextTick()
    await first.flush()
    await db.close()

    const second = freshStores().cart
    await second.restore()
    expect(second.lines).toEqual([expect.objectContaining({ itemId: 'mapo', quantity: 2, optionIds: ['hot', 'rice'], note: 'less oil' })])
    expect(second.note).toBe('window seat')
    expect(second.totals.total).toBe(8200)
  })

  it('uses the same order limits as the shared schemas', () => {
    expect(CART_LIMITS).toEqual({ maxQuantity: MAX_QUANTITY_PER_LINE, maxLines: MAX_LINES_PER_ORDER, maxNote: MAX_NOTE_LENGTH })
  })
})
