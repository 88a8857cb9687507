// The demo menu as the server serves it, and pickers that choose dishes by shape instead of by hard-coded id.
import type { APIRequestContext } from '@playwright/test'
import { formatMoney } from '../../shared/src/money.js'
import type { Menu, MenuItem, OptionGroup } from '../../shared/src/schemas/menu.js'

export type { Menu, MenuItem, OptionGroup }

/** GET /api/menu with a staff or tablet cookie. */
export async function fetchMenu (api: APIRequestContext): Promise<Menu> {
  const response = await api.get('/api/menu')
  if (!response.ok()) throw new Error(`menu not readable: ${response.status()} ${await response.text()}`)
  return await response.json() as Menu
}

/** A price as the tablet shows it (the shared formatter, so the test and the app agree on the symbol). */
export function money (menu: Menu, minor: number, locale = 'en'): string {
  return formatMoney(minor, menu.currency, locale)
}

const allAvailable = (group: OptionGroup): boolean => group.options.every(option => option.available)
const isRequiredSingle = (group: OptionGroup): boolean => group.min === 1 && group.max === 1 && allAvailable(group)
const isPricedExtras = (group: OptionGroup): boolean => group.min === 0 && group.options.some(option => option.available && option.priceDelta > 0)

export interface OptionDish { item: MenuItem, required: OptionGroup, extras: OptionGroup }

/**
 * A dish with exactly a required single choice and an optional priced extra group; one whose extras
 * offer more than their maximum comes first, so the max rule can be seen blocking a choice.
 */
export function dishWithRequiredAndExtra (menu: Menu): OptionDish {
  const candidates = menu.items.flatMap((item): OptionDish[] => {
    if (!item.available || item.optionGroups.length !== 2) return []
    const required = item.optionGroups.find(isRequiredSingle)
    const extras = item.optionGroups.find(isPricedExtras)
    return required && extras ? [{ item, required, extras }] : []
  })
  const found = candidates.find(candidate => candidate.extras.options.length > candidate.extras.max) ?? candidates[0]
  if (!found) throw new Error('the demo menu has no dish with a required choice and priced extras')
  return found
}

/** Available dishes without options, in menu order; the last one is kept for the sold-out test. */
export function plainDishes (menu: Menu): MenuItem[] {
  return menu.items.filter(item => item.available && item.optionGroups.length === 0).slice(0, -1)
}

/** The dish the sold-out test takes off the menu: no other spec of the tablet orders it. */
export function soldOutCandidate (menu: Menu): MenuItem {
  const item = menu.items.filter(item => item.available && item.optionGroups.length === 0).at(-1)
  if (!item) throw new Error('the demo menu has no plain dish')
  return item
}
