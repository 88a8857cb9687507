// What people order: dishes of the seeded menu drawn by popularity, with their options, priced by the same
// function the server prices real orders with (shared/src/pricing.ts), in the store's currency.
import { priceLine, type PricedLine } from '#shared/pricing.js'
import type { MenuItem } from '#shared/schemas/menu.js'
import type { Random } from './random.js'

/** How often each category is drawn for a seating's meal, and for a later round (drinks, dessert, one more dish). */
const CATEGORY_WEIGHT: Readonly<Record<string, { meal: number, later: number }>> = {
  cat_cold: { meal: 1.2, later: 0.4 },
  cat_dim_sum: { meal: 1.4, later: 0.8 },
  cat_noodles_rice: { meal: 1.6, later: 0.6 },
  cat_wok: { meal: 2.2, later: 0.7 },
  cat_soups: { meal: 0.7, later: 0.2 },
  cat_vegetables: { meal: 0.9, later: 0.3 },
  cat_desserts: { meal: 0.3, later: 1.4 },
  cat_drinks: { meal: 1.3, later: 2.0 },
}

/** The lines of an order, at most 8: a meal is mostly 4–7, a later round (more dishes, drinks, dessert) 1–8. */
const MEAL_LINES = [2, 3, 3, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 8, 8]
const LATER_LINES = [1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 8]

export class MenuPicker {
  readonly #items: MenuItem[]
  /** Each dish's own appeal, fixed for the whole year (a few signatures sell far more than the rest). */
  readonly #appeal = new Map<string, number>()

  constructor (items: readonly MenuItem[], random: Random) {
    this.#items = items.filter(item => item.price > 0)
    if (this.#items.length === 0) throw new Error('the demo menu has no dish with a price')
    for (const item of this.#items) {
      const signature = item.tags.includes('signature') ? 2.2 : 1
      this.#appeal.set(item.id, signature * (0.35 + random.next() * 1.3))
    }
  }

  get dishIds (): string[] {
    return this.#items.map(item => item.id)
  }

  /** The priced lines of one order; `soldOut` dishes are not on offer at that moment. */
  lines (random: Random, later: boolean, soldOut: ReadonlySet<string>): PricedLine[] {
    const count = random.pick(later ? LATER_LINES : MEAL_LINES)
    const offered = this.#items.filter(item => !soldOut.has(item.id))
    const lines: PricedLine[] = []
    const taken = new Set<string>()
    for (let i = 0; i < count; i++) {
      const item = random.weighted(offered, dish => taken.has(dish.id) ? 0.05 : this.#weight(dish, later))
      taken.add(item.id)
      const drink = item.categoryId === 'cat_drinks'
      const quantity = drink ? random.weighted([1, 2, 3, 4], q => [6, 3, 1.2, 0.6][q - 1]!) : random.weighted([1, 2, 3], q => [14, 2.2, 0.5][q - 1]!)
      const priced = priceLine(item, { itemId: item.id, quantity, optionIds: this.#options(random, item) })
      // Every choice above follows the dish's own rules, so pricing cannot refuse; if the menu changes, fail loudly.
      if (!priced.ok) throw new Error(`demo history: ${item.id} could not be priced (${priced.problem.code})`)
      lines.push(priced.line)
    }
    return lines
  }

  #weight (item: MenuItem, later: boolean): number {
    const category = CATEGORY_WEIGHT[item.categoryId] ?? { meal: 1, later: 1 }
    return this.#appeal.get(item.id)! * (later ? category.later : category.meal)
  }

  /** Within each group's min and max: required choices lean to the first options (regular, mild), extras are rarer. */
  #options (random: Random, item: MenuItem): string[] {
    const chosen: string[] = []
    for (const group of item.optionGroups) {
      const open = group.options.filter(option => option.available)
      let wanted = group.min
      while (wanted < group.max && random.chance(group.min === 0 ? 0.22 : 0.1)) wanted++
      const pool = [...open]
      for (let i = 0; i < wanted && pool.length > 0; i++) {
        const option = random.weighted(pool, candidate => 1 / (1 + pool.indexOf(candidate) * 0.6))
        chosen.push(option.id)
        pool.splice(pool.indexOf(option), 1)
      }
    }
    return chosen
  }
}
