// Managers edit the menu: each change is one transaction with a new menu version, then menu.changed for every screen.
import { inTransaction } from '../db/transaction.js'
import type { Db } from '../db/database.js'
import {
  CategoryNotEmptyError, CategoryUnknownError, ItemNotInCategoryError, NotFoundError, OptionGroupInvalidError,
} from '../errors.js'
import { bumpMenuVersion, loadItem } from '../repositories/menu.js'
import {
  countLiveDishes, currentOptions, dishIdsInCategory, findLiveCategory, insertCategory, insertDish, markDishRemoved,
  removeCategory, replaceOptionGroups, setDishOrder, updateCategory, updateDish, type CurrentOptions, type DishChanges,
} from '../repositories/menu-editing.js'
import { dishImagePath } from '../seed/demo-menu.js'
import { publishMenuChanged, type MenuServiceDeps } from './menu.js'
import type {
  Category, CreateCategory, CreateMenuItem, MenuItem, OptionGroupInput, ReorderItems, UpdateCategory, UpdateMenuItem,
} from '#shared/schemas/menu.js'

interface Edit<T> {
  result: T
  /** False when the edit changed nothing a diner sees: no new version, no event. */
  changed: boolean
}

/** Runs an edit in a transaction that also bumps the menu version, and tells the screens after commit. */
async function editMenu<T> (deps: MenuServiceDeps, change: (trx: Db) => Promise<Edit<T>>): Promise<T> {
  const { result, version } = await inTransaction(deps.db, async trx => {
    const edit = await change(trx)
    return { result: edit.result, version: edit.changed ? await bumpMenuVersion(trx) : null }
  })
  if (version) publishMenuChanged(deps, version)
  return result
}

function groupLabel (group: OptionGroupInput, index: number): string {
  return `Option group ${index + 1} (${group.names.en})`
}

/**
 * Refuses option groups a diner could never satisfy, and ids that are not this dish's own (another
 * dish's option must not be pulled over, nor one id used twice).
 */
export function checkOptionGroups (groups: readonly OptionGroupInput[], current: CurrentOptions): void {
  const seen = new Set<string>()
  const claim = (id: string | undefined, known: ReadonlySet<string>, what: string): void => {
    if (id === undefined) return
    if (!known.has(id)) throw new OptionGroupInvalidError(`${what} ${id} is not one of this dish's; leave the id out to add a new one`)
    if (seen.has(id)) throw new OptionGroupInvalidError(`${what} ${id} is listed twice`)
    seen.add(id)
  }
  for (const [index, group] of groups.entries()) {
    const label = groupLabel(group, index)
    const count = group.options.length
    if (count === 0) throw new OptionGroupInvalidError(`${label} has no options`)
    if (group.min < 0) throw new OptionGroupInvalidError(`${label}: min cannot be below 0`)
    if (group.max < 1) throw new OptionGroupInvalidError(`${label}: max must be at least 1`)
    if (group.min > group.max) throw new OptionGroupInvalidError(`${label}: min (${group.min}) is more than max (${group.max})`)
    if (group.max > count) throw new OptionGroupInvalidError(`${label}: max (${group.max}) is more than its ${count} option(s)`)
    claim(group.id, current.groupIds, 'Option group')
    for (const option of group.options) claim(option.id, current.optionIds, 'Option')
  }
}

async function assertCategory (db: Db, id: string): Promise<void> {
  if (!await findLiveCategory(db, id)) throw new CategoryUnknownError(id)
}

async function dishOrThrow (db: Db, id: string): Promise<MenuItem> {
  const item = await loadItem(db, id)
  if (!item) throw new NotFoundError('Dish')
  return item
}

export function createCategory (deps: MenuServiceDeps, body: CreateCategory): Promise<Category> {
  return editMenu(deps, async trx => ({ result: await insertCategory(trx, body.names, body.sort), changed: true }))
}

export function changeCategory (deps: MenuServiceDeps, id: string, body: UpdateCategory): Promise<Category> {
  return editMenu(deps, async trx => {
    const before = await findLiveCategory(trx, id)
    if (!before) throw new NotFoundError('Category')
    await updateCategory(trx, id, body)
    const after = await findLiveCategory(trx, id)
    return { result: after!, changed: JSON.stringify(before) !== JSON.stringify(after) }
  })
}

/** Only an empty category goes: dishes are never removed as a side effect. */
export function deleteCategory (deps: MenuServiceDeps, id: string): Promise<void> {
  return editMenu(deps, async trx => {
    if (!await findLiveCategory(trx, id)) throw new NotFoundError('Category')
    const dishes = await countLiveDishes(trx, id)
    if (dishes > 0) throw new CategoryNotEmptyError(String(dishes))
    await removeCategory(trx, id)
    return { result: undefined, changed: true }
  })
}

export function createDish (deps: MenuServiceDeps, body: CreateMenuItem): Promise<MenuItem> {
  return editMenu(deps, async trx => {
    await assertCategory(trx, body.categoryId)
    const groups = body.optionGroups ?? []
    const none: CurrentOptions = { groupIds: new Set(), optionIds: new Set() }
    checkOptionGroups(groups, none)
    const id = await insertDish(trx, {
      categoryId: body.categoryId,
      names: body.names,
      descriptions: body.descriptions,
      price: body.price,
      tags: body.tags ?? [],
      allergens: body.allergens ?? [],
      // A drawn placeholder until a manager uploads a photo.
      image: dishImagePath,
    })
    await replaceOptionGroups(trx, id, groups, none)
    return { result: await dishOrThrow(trx, id), changed: true }
  })
}

/** Applies a manager's edit of a dish (any fields, availability included) as one new menu version. */
export function changeDish (deps: MenuServiceDeps, id: string, body: UpdateMenuItem, staffId: string | null = null): Promise<MenuItem> {
  return editMenu(deps, async trx => {
    const before = await dishOrThrow(trx, id)
    if (body.categoryId !== undefined) await assertCategory(trx, body.categoryId)
    if (body.optionGroups !== undefined) {
      const current = await currentOptions(trx, id)
      checkOptionGroups(body.optionGroups, current)
      await replaceOptionGroups(trx, id, body.optionGroups, current)
    }
    const { optionGroups: _groups, ...fields } = body
    await updateDish(trx, id, fields satisfies DishChanges, staffId)
    const after = await dishOrThrow(trx, id)
    return { result: after, changed: JSON.stringify(before) !== JSON.stringify(after) }
  })
}

export function setDishImage (deps: MenuServiceDeps, id: string, image: string): Promise<MenuItem> {
  return editMenu(deps, async trx => {
    const before = await dishOrThrow(trx, id)
    await updateDish(trx, id, { image })
    return { result: await dishOrThrow(trx, id), changed: before.image !== image }
  })
}

export function removeDish (deps: MenuServiceDeps, id: string): Promise<void> {
  return editMenu(deps, async trx => {
    if (!await markDishRemoved(trx, id)) throw new NotFoundError('Dish')
    return { result: undefined, changed: true }
  })
}

/** Puts the listed dishes first, in that order; the category's other dishes follow in their old order. */
export function reorderDishes (deps: MenuServiceDeps, body: ReorderItems): Promise<void> {
  return editMenu(deps, async trx => {
    if (!await findLiveCategory(trx, body.categoryId)) throw new NotFoundError('Category')
    const current = await dishIdsInCategory(trx, body.categoryId)
    const strangers = body.itemIds.filter(itemId => !current.includes(itemId))
    if (strangers.length > 0) throw new ItemNotInCategoryError(`Not dishes of this category: ${strangers.join(', ')}`)
    const listed = new Set(body.itemIds)
    const changed = await setDishOrder(trx, [...body.itemIds, ...current.filter(itemId => !listed.has(itemId))])
    return { result: undefined, changed }
  })
}
