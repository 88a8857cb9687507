// The electronic menu: categories, dishes, option groups and options.
import { Type, type Static } from 'typebox'
import { IdSchema, LocalizedTextSchema, MoneySchema } from './common.js'

export const DietaryTagEnum = {
  SPICY: 'spicy',
  VERY_SPICY: 'very-spicy',
  VEGETARIAN: 'vegetarian',
  VEGAN: 'vegan',
  HALAL: 'halal',
  SIGNATURE: 'signature',
  NEW: 'new',
} as const
export type DietaryTag = typeof DietaryTagEnum[keyof typeof DietaryTagEnum]

export const AllergenEnum = {
  GLUTEN: 'gluten',
  PEANUT: 'peanut',
  TREE_NUT: 'tree-nut',
  SOY: 'soy',
  SESAME: 'sesame',
  EGG: 'egg',
  MILK: 'milk',
  FISH: 'fish',
  SHELLFISH: 'shellfish',
} as const
export type Allergen = typeof AllergenEnum[keyof typeof AllergenEnum]

export const OptionSchema = Type.Object({
  id: IdSchema,
  names: LocalizedTextSchema,
  priceDelta: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 }),
  available: Type.Boolean(),
})
export type MenuOption = Static<typeof OptionSchema>

export const OptionGroupSchema = Type.Object({
  id: IdSchema,
  names: LocalizedTextSchema,
  /** At least `min` options must be chosen; `min: 1, max: 1` is a required single choice. */
  min: Type.Integer({ minimum: 0 }),
  max: Type.Integer({ minimum: 1 }),
  options: Type.Array(OptionSchema),
})
export type OptionGroup = Static<typeof OptionGroupSchema>

export const MenuItemSchema = Type.Object({
  id: IdSchema,
  categoryId: IdSchema,
  names: LocalizedTextSchema,
  descriptions: LocalizedTextSchema,
  price: MoneySchema,
  /** URL path of the dish image served by the server, e.g. `/media/dishes/<id>.svg`. */
  image: Type.String(),
  tags: Type.Array(Type.String()),
  allergens: Type.Array(Type.String()),
  available: Type.Boolean(),
  sort: Type.Integer(),
  optionGroups: Type.Array(OptionGroupSchema),
})
export type MenuItem = Static<typeof MenuItemSchema>

export const CategorySchema = Type.Object({
  id: IdSchema,
  names: LocalizedTextSchema,
  sort: Type.Integer(),
})
export type Category = Static<typeof CategorySchema>

export const MenuSchema = Type.Object({
  /** Changes whenever anything a diner sees changes (price, availability, text); also the ETag. */
  version: Type.String(),
  currency: Type.String(),
  locales: Type.Array(Type.String()),
  categories: Type.Array(CategorySchema),
  items: Type.Array(MenuItemSchema),
})
export type Menu = Static<typeof MenuSchema>

export const UpdateItemAvailabilitySchema = Type.Object({
  available: Type.Boolean(),
}, { additionalProperties: false })
export type UpdateItemAvailability = Static<typeof UpdateItemAvailabilitySchema>
