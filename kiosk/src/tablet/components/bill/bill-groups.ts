// Who ordered what: the check's orders grouped by who placed them, the tablet first, then the diners by number.
import type { Check, CheckOrder } from '@shared/schemas/check'

export interface BillGroup {
  /** 'tablet', or the diner's id. */
  key: string
  /** The diner's number ("Diner 2"), null for the table's tablet; 0 for a diner the check no longer lists. */
  dinerNumber: number | null
  orders: CheckOrder[]
  /** Sum of the group's orders not cancelled. */
  total: number
  due: number
}

const TABLET_KEY = 'tablet'

export function groupOrders (check: Pick<Check, 'orders' | 'diners'>): BillGroup[] {
  const numbers = new Map(check.diners.map(diner => [diner.id, diner.number]))
  const groups = new Map<string, BillGroup>()
  const sorted = [...check.orders].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.number - b.number)
  for (const order of sorted) {
    const key = order.dinerId ?? TABLET_KEY
    let group = groups.get(key)
    if (!group) {
      group = { key, dinerNumber: order.dinerId === null ? null : numbers.get(order.dinerId) ?? 0, orders: [], total: 0, due: 0 }
      groups.set(key, group)
    }
    group.orders.push(order)
    if (order.status !== 'cancelled') group.total += order.total
    group.due += order.due
  }
  return [...groups.values()].sort((a, b) => (a.dinerNumber ?? -1) - (b.dinerNumber ?? -1))
}
