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

/** A name staff give a dish, option or category: both languages filled in, not just spaces. */
export const MenuNameSchema = Type.Object({
  en: Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' }),
  'zh-CN': Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' }),
}, { additionalProperties: false })

export const MAX_OPTION_GROUPS_PER_ITEM = 10
export const MAX_OPTIONS_PER_GROUP = 30

/** An option as a manager edits it; `id` names one of this dish's options to keep it (carts and its sold-out flag survive). */
export const OptionInputSchema = Type.Object({
  id: Type.Optional(IdSchema),
  names: MenuNameSchema,
  priceDelta: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 }),
  /** Omitted: a kept option keeps its flag, a new one is available. */
  available: Type.Optional(Type.Boolean()),
}, { additionalProperties: false })
export type OptionInput = Static<typeof OptionInputSchema>

/**
 * An option group as a manager edits it. min/max are checked against the options on the server
 * (0 ≤ min ≤ max ≤ number of options, max ≥ 1), answering 422 OPTION_GROUP_INVALID.
 */
export const OptionGroupInputSchema = Type.Object({
  id: Type.Optional(IdSchema),
  names: MenuNameSchema,
  min: Type.Integer(),
  max: Type.Integer(),
  options: Type.Array(OptionInputSchema, { maxItems: MAX_OPTIONS_PER_GROUP }),
}, { additionalProperties: false })
export type OptionGroupInput = Static<typeof OptionGroupInputSchema>

const TagsInputSchema = Type.Array(Type.Enum(Object.values(DietaryTagEnum)), { uniqueItems: true })
const AllergensInputSchema = Type.Array(Type.Enum(Object.values(AllergenEnum)), { uniqueItems: true })
const OptionGroupsInputSchema = Type.Array(OptionGroupInputSchema, { maxItems: MAX_OPTION_GROUPS_PER_ITEM })

export const CreateMenuItemSchema = Type.Object({
  categoryId: IdSchema,
  names: MenuNameSchema,
  descriptions: LocalizedTextSchema,
  price: MoneySchema,
  tags: Type.Optional(TagsInputSchema),
  allergens: Type.Optional(AllergensInputSchema),
  optionGroups: Type.Optional(OptionGroupsInputSchema),
}, { additionalProperties: false })
export type CreateMenuItem = Static<typeof CreateMenuItemSchema>

/**
 * A change to a dish. `available` alone is open to every staff role; anything else needs a
 * manager. `optionGroups` replaces the dish's groups: ones sent without an id are created.
 */
export const UpdateMenuItemSchema = Type.Object({
  categoryId: Type.Optional(IdSchema),
  names: Type.Optional(MenuNameSchema),
  descriptions: Type.Optional(LocalizedTextSchema),
  price: Type.Optional(MoneySchema),
  tags: Type.Optional(TagsInputSchema),
  allergens: Type.Optional(AllergensInputSchema),
  available: Type.Optional(Type.Boolean()),
  optionGroups: Type.Optional(OptionGroupsInputSchema),
}, { additionalProperties: false, minProperties: 1 })
export type UpdateMenuItem = Static<typeof UpdateMenuItemSchema>

const CategorySortSchema = Type.Integer({ minimum: 0, maximum: 1_000_000 })

export const CreateCategorySchema = Type.Object({
  names: MenuNameSchema,
  /** Omitted: after the last category. */
  sort: Type.Optional(CategorySortSchema),
}, { additionalProperties: false })
export type CreateCategory = Static<typeof CreateCategorySchema>

export const UpdateCategorySchema = Type.Object({
  names: Type.Optional(MenuNameSchema),
  sort: Type.Optional(CategorySortSchema),
}, { additionalProperties: false, minProperties: 1 })
export type UpdateCategory = Static<typeof UpdateCategorySchema>

/** The dishes of one category in their new order; dishes left out follow, in their old order. */
export const ReorderItemsSchema = Type.Object({
  categoryId: IdSchema,
  itemIds: Type.Array(IdSchema, { minItems: 1, maxItems: 500, uniqueItems: true }),
}, { additionalProperties: false })
export type ReorderItems = Static<typeof ReorderItemsSchema>

/** Picture types a manager may upload (never SVG: it can carry scripts). */
export const MENU_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const
export type MenuImageType = typeof MENU_IMAGE_TYPES[number]
export const MAX_MENU_IMAGE_BYTES = 2 * 1024 * 1024
