// Bare baseline for POST /api/orders: Fastify + better-sqlite3, a JSON-schema-validated order and its lines inserted
// in one transaction, WAL, synchronous=FULL (the durability Tablepad keeps), three statements prepared once.
import Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { orderApp, orderTotal, placedAnswer, PRICE, type Body } from './order-route.js'
import { env, listenAndAnnounce } from './ready.js'

const db = new Database(join(env('BENCH_DATA_DIR'), 'orders.db'))
db.pragma('journal_mode = WAL')
db.pragma('synchronous = FULL')
db.exec(`
  CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
  INSERT OR IGNORE INTO counters VALUES ('order', 0);
  CREATE TABLE IF NOT EXISTS orders (
    id TEXT PRIMARY KEY, client_order_id TEXT NOT NULL UNIQUE, table_id TEXT NOT NULL, number INTEGER NOT NULL,
    total INTEGER NOT NULL, created_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS order_lines (
    order_id TEXT NOT NULL REFERENCES orders(id), item_id TEXT NOT NULL, quantity INTEGER NOT NULL, price INTEGER NOT NULL,
    options TEXT NOT NULL);
`)
const nextNumber = db.prepare<[], { value: number }>("UPDATE counters SET value = value + 1 WHERE name = 'order' RETURNING value")
const insertOrder = db.prepare('INSERT INTO orders (id, client_order_id, table_id, number, total, created_at) VALUES (?, ?, ?, ?, ?, ?)')
const insertLine = db.prepare('INSERT INTO order_lines (order_id, item_id, quantity, price, options) VALUES (?, ?, ?, ?, ?)')

const place = db.transaction((tableId: string, body: Body) => {
  const id = randomUUID()
  const number = nextNumber.get()!.value
  const total = orderTotal(body)
  const createdAt = new Date().toISOString()
  insertOrder.run(id, body.clientOrderId, tableId, number, total, createdAt)
  for (const line of body.lines) insertLine.run(id, line.itemId, line.quantity, PRICE, JSON.stringify(line.optionIds))
  return placedAnswer(tableId, body, { id, number, total, createdAt })
})

const app = orderApp(place)

await listenAndAnnounce(app, () => db.close())
