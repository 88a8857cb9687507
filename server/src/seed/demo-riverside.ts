// The second demo store of a chain (PostgreSQL only): "Riverside Noodle House", a noodle bar with a smaller menu
// than the default store's and a dining room of its own, so two stores side by side are told apart at a glance.
// Its ids are the demo's with a prefix: menu ids are global (one row per id in the whole database), and fixed
// ones keep a reseed from doubling anything, as for the first store.
import type { DemoCategory, DemoDish, DemoOptionGroup } from './demo-types.js'
import { DEMO_CATEGORIES, DEMO_DISHES, dishImagePath } from './demo-menu.js'
import type { DemoRestaurant, DemoTable } from './demo-restaurant.js'

export const RIVERSIDE_SLUG = 'riverside'
export const RIVERSIDE_NAME = 'Riverside Noodle House'
/** The manager the second store is seeded with (their PIN is printed once in the startup notes). */
export const RIVERSIDE_MANAGER_NAME = 'Riverside Manager'

/** Every id of the second store's menu starts with it. */
export const RIVERSIDE_ID_PREFIX = 'rs_'

/** A noodle bar: no cold dishes, wok or vegetables. */
const RIVERSIDE_CATEGORY_IDS: ReadonlySet<string> = new Set(['cat_noodles_rice', 'cat_dim_sum', 'cat_soups', 'cat_desserts', 'cat_drinks'])

const own = (id: string): string => `${RIVERSIDE_ID_PREFIX}${id}`

function ownGroup (group: DemoOptionGroup): DemoOptionGroup {
  return { ...group, id: own(group.id), options: group.options.map(option => ({ ...option, id: own(option.id) })) }
}

function ownDish (dish: DemoDish): DemoDish {
  return {
    ...dish,
    id: own(dish.id),
    categoryId: own(dish.categoryId),
    ...(dish.optionGroups ? { optionGroups: dish.optionGroups.map(ownGroup) } : {}),
  }
}

// Noodles first: it is what the place is known for.
const categories: DemoCategory[] = DEMO_CATEGORIES
  .filter(category => RIVERSIDE_CATEGORY_IDS.has(category.id))
  .sort((a, b) => Number(b.id === 'cat_noodles_rice') - Number(a.id === 'cat_noodles_rice'))
  .map(category => ({ ...category, id: own(category.id) }))

/** Eight tables on the terrace by the river, for two or four. */
const tables: DemoTable[] = Array.from({ length: 8 }, (_, i) => ({ label: `Terrace ${i + 1}`, seats: i < 4 ? 2 : 4 }))

export const RIVERSIDE_RESTAURANT: DemoRestaurant = {
  categories,
  dishes: DEMO_DISHES.filter(dish => RIVERSIDE_CATEGORY_IDS.has(dish.categoryId)).map(ownDish),
  tables,
  // The drawing of the dish it was made from (the dish pictures are drawn by the demo's ids).
  imageOf: dishId => dishImagePath(dishId.slice(RIVERSIDE_ID_PREFIX.length)),
}
