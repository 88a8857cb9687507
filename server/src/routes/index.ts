// Every route plugin and its URL prefix. One resource per folder under routes/api/.
import type { FastifyPluginAsync } from 'fastify'
import health from './api/health/index.js'
import menu from './api/menu/index.js'
import orders from './api/orders/index.js'
import staffOrders from './api/staff/orders/index.js'
import staffMenu from './api/staff/menu/index.js'
import dishImages from './media/dishes.js'
import uploadedImages from './media/uploads.js'
import devices from './api/devices/index.js'
import events from './api/events/index.js'
import staffSession from './api/staff/session/index.js'
import staffMembers from './api/staff/members/index.js'
import stores from './api/stores/index.js'
import staffLockouts from './api/staff/lockouts/index.js'
import staffTables from './api/staff/tables/index.js'
import staffDevices from './api/staff/devices/index.js'
import staffEvents from './api/staff/events/index.js'
import orderPayments from './api/orders/payments.js'
import abandonOrder from './api/orders/abandon.js'
import payments from './api/payments/index.js'
import alipayNotify from './api/alipay/index.js'
import staffPayments from './api/staff/payments/index.js'
import staffAlerts from './api/staff/alerts/index.js'
import table from './api/table/index.js'
import staffTableCheck from './api/staff/tables/check.js'
import staffSettings from './api/staff/settings/index.js'
import phoneEntry from './t/index.js'
import staffReportSales from './api/staff/reports/sales.js'
import staffReportDays from './api/staff/reports/days.js'
import staffReportReconciliation from './api/staff/reports/reconciliation.js'
import staffPrinters from './api/staff/printers/index.js'
import staffOrderPrinting from './api/staff/printers/order-printing.js'

const routes: FastifyPluginAsync = async (fastify) => {
  await fastify.register(health, { prefix: '/api/health' })
  await fastify.register(menu, { prefix: '/api/menu' })
  await fastify.register(orders, { prefix: '/api/orders' })
  await fastify.register(staffOrders, { prefix: '/api/staff/orders' })
  await fastify.register(staffMenu, { prefix: '/api/staff/menu' })
  await fastify.register(dishImages, { prefix: '/media/dishes' })
  await fastify.register(uploadedImages, { prefix: '/media/uploads' })
  await fastify.register(devices, { prefix: '/api/devices' })
  await fastify.register(events, { prefix: '/api/events' })
  await fastify.register(staffSession, { prefix: '/api/staff/session' })
  await fastify.register(staffMembers, { prefix: '/api/staff/members' })
  await fastify.register(stores, { prefix: '/api/stores' })
  await fastify.register(staffLockouts, { prefix: '/api/staff/lockouts' })
  await fastify.register(staffTables, { prefix: '/api/staff/tables' })
  await fastify.register(staffDevices, { prefix: '/api/staff/devices' })
  await fastify.register(staffEvents, { prefix: '/api/staff/events' })
  await fastify.register(orderPayments, { prefix: '/api/orders' })
  await fastify.register(abandonOrder, { prefix: '/api/orders' })
  await fastify.register(payments, { prefix: '/api/payments' })
  await fastify.register(alipayNotify, { prefix: '/api/alipay' })
  await fastify.register(staffPayments, { prefix: '/api/staff/payments' })
  await fastify.register(staffAlerts, { prefix: '/api/staff/alerts' })
  await fastify.register(table, { prefix: '/api/table' })
  await fastify.register(staffTableCheck, { prefix: '/api/staff/tables' })
  await fastify.register(staffSettings, { prefix: '/api/staff/settings' })
  await fastify.register(staffReportSales, { prefix: '/api/staff/reports' })
  await fastify.register(staffReportDays, { prefix: '/api/staff/reports' })
  await fastify.register(staffReportReconciliation, { prefix: '/api/staff/reports' })
  await fastify.register(staffPrinters, { prefix: '/api/staff/printers' })
  await fastify.register(staffOrderPrinting, { prefix: '/api/staff/orders' })
  // The diner's phone enters here (HTML pages and redirects, not the JSON API).
  await fastify.register(phoneEntry, { prefix: '/t' })
}

export default routes
