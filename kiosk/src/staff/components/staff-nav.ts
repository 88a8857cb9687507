// The console's navigation: screens in the order a shift uses them; the first few sit in the phone's bottom bar.
import type { StaffIconName } from './staff-icons'

export type StaffNavKey =
  'orders' | 'soldOut' | 'payments' | 'alerts' | 'pair' | 'devices' | 'tables' | 'reports' | 'menu' | 'members' | 'printers' | 'store' | 'stores'

export interface StaffNavItem {
  id: StaffNavKey
  /** Route name of the screen. */
  route: string
  icon: StaffIconName
  /** Shown only to managers (and the chain's owner, who has a manager's rights in every store). */
  managerOnly?: boolean
  /** Shown only to the chain's owner. */
  ownerOnly?: boolean
  /** Not shown to the owner (who has a screen of their own for the same thing). */
  notOwner?: boolean
  /** In the phone's bottom bar (the rest are under "More"). */
  bar?: boolean
}

export const STAFF_NAV: readonly StaffNavItem[] = [
  { id: 'orders', route: 'staff-orders', icon: 'orders', bar: true },
  { id: 'soldOut', route: 'staff-sold-out', icon: 'soldOut', bar: true },
  { id: 'payments', route: 'staff-payments', icon: 'yuan', bar: true },
  { id: 'alerts', route: 'staff-alerts', icon: 'bell', bar: true },
  { id: 'pair', route: 'staff-pair', icon: 'link' },
  { id: 'devices', route: 'staff-devices', icon: 'tablet' },
  { id: 'tables', route: 'staff-tables', icon: 'table' },
  { id: 'reports', route: 'staff-reports', icon: 'chart' },
  { id: 'menu', route: 'staff-menu', icon: 'book', managerOnly: true },
  { id: 'members', route: 'staff-members', icon: 'users', managerOnly: true },
  { id: 'printers', route: 'staff-printers', icon: 'print', managerOnly: true },
  // A manager reads their own store's settings; the owner adds and changes every store's.
  { id: 'store', route: 'staff-store', icon: 'store', managerOnly: true, notOwner: true },
  { id: 'stores', route: 'staff-stores', icon: 'store', ownerOnly: true },
]

/** Whether a member of this rank sees the entry. */
export function navItemVisible (item: StaffNavItem, rank: { isManager: boolean, isOwner: boolean }): boolean {
  if (item.ownerOnly && !rank.isOwner) return false
  if (item.notOwner && rank.isOwner) return false
  return !item.managerOnly || rank.isManager
}

/** Which navigation entry a route belongs to (a payment's detail belongs to Payments). */
export function navKeyOfRoute (routeName: string | symbol | null | undefined): StaffNavKey | null {
  if (typeof routeName !== 'string') return null
  if (routeName === 'staff-payment') return 'payments'
  if (routeName === 'staff-tables-print') return 'tables'
  if (routeName === 'staff-report-day') return 'reports'
  return STAFF_NAV.find(item => item.route === routeName)?.id ?? null
}
