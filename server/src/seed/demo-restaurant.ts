// One demo restaurant as the seed writes it: its menu in order, its pictures and its dining room.
import type { DemoCategory, DemoDish } from './demo-types.js'
import { DEMO_CATEGORIES, DEMO_DISHES, DEMO_TABLES, dishImagePath } from './demo-menu.js'

export interface DemoTable {
  label: string
  seats: number
}

export interface DemoRestaurant {
  categories: readonly DemoCategory[]
  dishes: readonly DemoDish[]
  tables: readonly DemoTable[]
  /** The URL of a dish's picture (a second store's dishes show the drawings of the dishes they were made from). */
  imageOf: (dishId: string) => string
}

/** The default store's demo: the whole menu and twelve tables, as a single restaurant has always been seeded. */
export const DEMO_RESTAURANT: DemoRestaurant = {
  categories: DEMO_CATEGORIES,
  dishes: DEMO_DISHES,
  tables: DEMO_TABLES,
  imageOf: dishImagePath,
}
