// The console's screens under /staff; each is its own chunk, loaded when first opened.
import type { RouteRecordRaw } from 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** Only managers see this screen in the navigation (the screen itself explains the rule to others). */
    managerOnly?: boolean
    /** Only the chain's owner sees this screen in the navigation. */
    ownerOnly?: boolean
  }
}

export const STAFF_ROUTES: RouteRecordRaw[] = [
  { path: '', redirect: { name: 'staff-orders' } },
  { path: 'orders', name: 'staff-orders', component: () => import('./StaffOrdersView.vue') },
  { path: 'pair', name: 'staff-pair', component: () => import('./StaffPairView.vue') },
  { path: 'devices', name: 'staff-devices', component: () => import('./StaffDevicesView.vue') },
  { path: 'tables', name: 'staff-tables', component: () => import('./StaffTablesView.vue') },
  { path: 'tables/print', name: 'staff-tables-print', component: () => import('./StaffTablesPrintView.vue') },
  { path: 'sold-out', name: 'staff-sold-out', component: () => import('./StaffSoldOutView.vue') },
  { path: 'payments', name: 'staff-payments', component: () => import('./StaffPaymentsView.vue') },
  { path: 'payments/:id', name: 'staff-payment', component: () => import('./StaffPaymentView.vue'), props: true },
  { path: 'alerts', name: 'staff-alerts', component: () => import('./StaffAlertsView.vue') },
  { path: 'menu', name: 'staff-menu', component: () => import('./StaffMenuView.vue'), meta: { managerOnly: true } },
  { path: 'members', name: 'staff-members', component: () => import('./StaffMembersView.vue'), meta: { managerOnly: true } },
  { path: 'printers', name: 'staff-printers', component: () => import('./StaffPrintersView.vue'), meta: { managerOnly: true } },
  { path: 'store', name: 'staff-store', component: () => import('./StaffStoreView.vue'), meta: { managerOnly: true } },
  { path: 'stores', name: 'staff-stores', component: () => import('./StaffStoresView.vue'), meta: { ownerOnly: true } },
  // Everyone sees today's totals; managers any range (the screen asks the server, which decides).
  { path: 'reports', name: 'staff-reports', component: () => import('../reports/ReportsView.vue') },
  { path: 'reports/days/:date', name: 'staff-report-day', component: () => import('../reports/ReportDayView.vue'), props: true },
  { path: ':rest(.*)*', redirect: { name: 'staff-orders' } },
]

/** The whole console as one route record: the app's router adds it on the first visit under /staff (router.ts), so
 * neither this table nor the list of the console's chunks is in the tablet's first bundle. */
export const STAFF_FACE: RouteRecordRaw = { path: '/staff', component: () => import('../StaffView.vue'), children: STAFF_ROUTES }
