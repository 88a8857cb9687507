// Bare baseline for POST /api/orders: Fastify + better-sqlite3, a JSON-schema-validated order and its lines inserted
// in one transaction, WAL, synchronous=FULL (the durability Tablepad keeps), three statements prepared once.
import Database from 'better-sqlite3'
import Fastify from 'fastify'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
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

interface Line { itemId: string, quantity: number, optionIds: string[] }
interface Body { clientOrderId: string, lines: Line[], note?: string }

/** Every dish costs the same here: pricing is not what the baseline measures. */
const PRICE = 1800

const place = db.transaction((tableId: string, body: Body) => {
  const id = randomUUID()
  const number = nextNumber.get()!.value
  const total = body.lines.reduce((sum, line) => sum + PRICE * line.quantity, 0)
  const createdAt = new Date().toISOString()
  insertOrder.run(id, body.clientOrderId, tableId, number, total, createdAt)
  for (const line of body.lines) insertLine.run(id, line.itemId, line.quantity, PRICE, JSON.stringify(line.optionIds))
  return { id, number, clientOrderId: body.clientOrderId, tableId, status: 'placed', lines: body.lines.map(line => ({ ...line, price: PRICE })), total, createdAt }
})

const app = Fastify({ logger: false })
app.post<{ Body: Body }>('/api/orders', {
  schema: {
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['clientOrderId', 'lines'],
      properties: {
        clientOrderId: { type: 'string', format: 'uuid' },
        note: { type: 'string', maxLength: 200 },
        lines: {
          type: 'array', minItems: 1, maxItems: 50,
          items: {
            type: 'object', additionalProperties: false, required: ['itemId', 'quantity', 'optionIds'],
            properties: {
              itemId: { type: 'string', minLength: 1, maxLength: 64 },
              quantity: { type: 'integer', minimum: 1, maximum: 99 },
              optionIds: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 64 } },
            },
          },
        },
      },
    },
    response: {
      201: {
        type: 'object',
        properties: {
          id: { type: 'string' }, number: { type: 'integer' }, clientOrderId: { type: 'string' }, tableId: { type: 'string' },
          status: { type: 'string' }, total: { type: 'integer' }, createdAt: { type: 'string' },
          lines: { type: 'array', items: { type: 'object', properties: { itemId: { type: 'string' }, quantity: { type: 'integer' }, price: { type: 'integer' }, optionIds: { type: 'array', items: { type: 'string' } } } } },
        },
      },
    },
  },
}, async (request, reply) => {
  // The tablet's cookie stands for its table, as Tablepad's device lookup does (here without a query).
  const tableId = /tp_device=([^;]+)/.exec(request.headers.cookie ?? '')?.[1] ?? 'none'
  return reply.code(201).send(place(tableId, request.body))
})

await listenAndAnnounce(app, () => db.close())
