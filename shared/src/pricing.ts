// Prices and option rules, computed the same way on the tablet (cart) and the server (the authority).
import { MAX_PAYMENT_AMOUNT } from './money.js'
import type { MenuItem, OptionGroup } from './schemas/menu.js'
import type { LocalizedText } from './schemas/common.js'
import type { OrderLineOption } from './schemas/order.js'

export const PricingErrorEnum = {
  ITEM_NOT_FOUND: 'ITEM_NOT_FOUND',
  ITEM_UNAVAILABLE: 'ITEM_UNAVAILABLE',
  OPTION_NOT_FOUND: 'OPTION_NOT_FOUND',
  OPTION_UNAVAILABLE: 'OPTION_UNAVAILABLE',
  OPTION_TOO_FEW: 'OPTION_TOO_FEW',
  OPTION_TOO_MANY: 'OPTION_TOO_MANY',
} as const
export type PricingErrorCode = typeof PricingErrorEnum[keyof typeof PricingErrorEnum]

/** Why a line cannot be ordered; `groupId` names the option group for the option rules. */
export interface PricingProblem {
  code: PricingErrorCode
  itemId: string
  optionId?: string
  groupId?: string
}

export interface LineRequest {
  itemId: string
  quantity: number
  optionIds: readonly string[]
}

export interface PricedLine {
  itemId: string
  names: LocalizedText
  quantity: number
  unitPrice: number
  options: OrderLineOption[]
  lineTotal: number
}

export type PriceResult =
  | { ok: true, line: PricedLine }
  | { ok: false, problem: PricingProblem }

/** Checks the chosen options of one group against its min/max and availability. */
export function checkOptionGroup (item: MenuItem, group: OptionGroup, chosen: ReadonlySet<string>): PricingProblem | null {
  const picked = group.options.filter(option => chosen.has(option.id))
  for (const option of picked) {
    if (!option.available) return { code: 'OPTION_UNAVAILABLE', itemId: item.id, optionId: option.id, groupId: group.id }
  }
  if (picked.length < group.min) return { code: 'OPTION_TOO_FEW', itemId: item.id, groupId: group.id }
  if (picked.length > group.max) return { code: 'OPTION_TOO_MANY', itemId: item.id, groupId: group.id }
  return null
}

/** Prices one line; every option must belong to the dish and respect its group's rules. */
export function priceLine (item: MenuItem | undefined, request: LineRequest): PriceResult {
  if (!item) return { ok: false, problem: { code: 'ITEM_NOT_FOUND', itemId: request.itemId } }
  if (!item.available) return { ok: false, problem: { code: 'ITEM_UNAVAILABLE', itemId: item.id } }
  const chosen = new Set(request.optionIds)
  const known = new Map(item.optionGroups.flatMap(group => group.options.map(option => [option.id, { group, option }] as const)))
  for (const optionId of chosen) {
    if (!known.has(optionId)) return { ok: false, problem: { code: 'OPTION_NOT_FOUND', itemId: item.id, optionId } }
  }
  for (const group of item.optionGroups) {
    const problem = checkOptionGroup(item, group, chosen)
    if (problem) return { ok: false, problem }
  }
  // Options in menu order, so the same choice always prints and prices the same way.
  const options: OrderLineOption[] = item.optionGroups.flatMap(group => group.options
    .filter(option => chosen.has(option.id))
    .map(option => ({ id: option.id, groupId: group.id, names: option.names, priceDelta: option.priceDelta })))
  const unitPrice = Math.max(0, item.price + options.reduce((sum, option) => sum + option.priceDelta, 0))
  return {
    ok: true,
    line: { itemId: item.id, names: item.names, quantity: request.quantity, unitPrice, options, lineTotal: unitPrice * request.quantity },
  }
}

export interface OrderTotals {
  subtotal: number
  total: number
}

/** Totals of priced lines. No service charge or discount yet, so total equals subtotal. */
export function orderTotals (lines: readonly { lineTotal: number }[]): OrderTotals {
  const subtotal = lines.reduce((sum, line) => sum + line.lineTotal, 0)
  return { subtotal, total: subtotal }
}

/** The largest order total taken: anything above it could never be paid in one payment. */
export const MAX_ORDER_TOTAL = MAX_PAYMENT_AMOUNT

/**
 * Whether a total can be ordered and paid. quantity × price is a plain JS multiplication, so a
 * total past Number.MAX_SAFE_INTEGER is no longer exact: it fails the safe-integer test too.
 */
export function isWithinOrderLimit (total: number): boolean {
  return Number.isSafeInteger(total) && total >= 0 && total <= MAX_ORDER_TOTAL
}

/** An order of free dishes only: there is nothing to pay, so it goes to the kitchen at once. */
export function needsNoPayment (order: { total: number }): boolean {
  return order.total === 0
}

export type OrderPriceResult =
  | { ok: true, lines: PricedLine[], totals: OrderTotals }
  | { ok: false, problems: PricingProblem[] }

/** Prices a whole order against the menu; reports every line that cannot be ordered. */
export function priceOrder (items: ReadonlyMap<string, MenuItem>, requests: readonly LineRequest[]): OrderPriceResult {
  const lines: PricedLine[] = []
  const problems: PricingProblem[] = []
  for (const request of requests) {
    const result = priceLine(items.get(request.itemId), request)
    if (result.ok) lines.push(result.line)
    else problems.push(result.problem)
  }
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, lines, totals: orderTotals(lines) }
}
