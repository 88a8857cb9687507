// The whole demo restaurant: categories in menu order, every dish, and the dining room's tables.
import type { DishArt } from './dish-art.js'
import { t, type DemoCategory, type DemoDish } from './demo-types.js'
import { COLD_DISHES, DIM_SUM } from './demo-menu-starters.js'
import { NOODLES_AND_RICE } from './demo-menu-noodles.js'
import { WOK_AND_MAINS } from './demo-menu-wok.js'
import { SOUPS, VEGETABLES } from './demo-menu-soups.js'
import { DESSERTS, DRINKS } from './demo-menu-sweets.js'

export const DEMO_CATEGORIES: readonly DemoCategory[] = [
  { id: 'cat_cold', names: t('Cold Dishes', '凉菜') },
  { id: 'cat_dim_sum', names: t('Dim Sum', '点心') },
  { id: 'cat_noodles_rice', names: t('Noodles & Rice', '面饭') },
  { id: 'cat_wok', names: t('Wok & Mains', '热菜') },
  { id: 'cat_soups', names: t('Soups', '汤羹') },
  { id: 'cat_vegetables', names: t('Vegetables', '时蔬') },
  { id: 'cat_desserts', names: t('Desserts', '甜品') },
  { id: 'cat_drinks', names: t('Drinks', '饮品') },
]

export const DEMO_DISHES: readonly DemoDish[] = [
  ...COLD_DISHES, ...DIM_SUM, ...NOODLES_AND_RICE, ...WOK_AND_MAINS, ...SOUPS, ...VEGETABLES, ...DESSERTS, ...DRINKS,
]

/** Twelve tables: four for two by the window, six for four, two round tables for families. */
export const DEMO_TABLES: readonly { label: string, seats: number }[] = Array.from({ length: 12 }, (_, i) => ({
  label: `Table ${i + 1}`,
  seats: i < 4 ? 2 : i < 10 ? 4 : 8,
}))

/** The picture of each demo dish, by dish id. */
export const DEMO_DISH_ART: ReadonlyMap<string, DishArt> = new Map(DEMO_DISHES.map(dish => [dish.id, dish.art]))

export function dishImagePath (dishId: string): string {
  return `/media/dishes/${dishId}.svg`
}
