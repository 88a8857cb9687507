// Bare baseline for POST /api/orders on PostgreSQL: Fastify + a pg pool (BENCH_PG_POOL connections, Tablepad's
// DATABASE_POOL_MAX default), a JSON-schema-validated order and its line inserted in one transaction with the order
// number taken from a counter row, on the database BENCH_DATABASE_URL names (the bench made it empty).
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { orderApp, orderTotal, placedAnswer, PRICE, type Body } from './order-route.js'
import { env, listenAndAnnounce } from './ready.js'

const pool = new pg.Pool({ connectionString: env('BENCH_DATABASE_URL'), max: Number(process.env.BENCH_PG_POOL ?? 10) })
await pool.query(`
  CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
  INSERT INTO counters VALUES ('order', 0) ON CONFLICT DO NOTHING;
  CREATE TABLE IF NOT EXISTS orders (
    id TEXT PRIMARY KEY, client_order_id TEXT NOT NULL UNIQUE, table_id TEXT NOT NULL, number BIGINT NOT NULL,
    total INTEGER NOT NULL, created_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS order_lines (
    order_id TEXT NOT NULL REFERENCES orders(id), item_id TEXT NOT NULL, quantity INTEGER NOT NULL, price INTEGER NOT NULL,
    options TEXT NOT NULL);
`)

async function place (tableId: string, body: Body): Promise<object> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const id = randomUUID()
    const { rows: [counter] } = await client.query<{ value: string }>("UPDATE counters SET value = value + 1 WHERE name = 'order' RETURNING value")
    const number = Number(counter!.value)
    const total = orderTotal(body)
    const createdAt = new Date().toISOString()
    await client.query('INSERT INTO orders (id, client_order_id, table_id, number, total, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [id, body.clientOrderId, tableId, number, total, createdAt])
    for (const line of body.lines) {
      await client.query('INSERT INTO order_lines (order_id, item_id, quantity, price, options) VALUES ($1, $2, $3, $4, $5)',
        [id, line.itemId, line.quantity, PRICE, JSON.stringify(line.optionIds)])
    }
    await client.query('COMMIT')
    return placedAnswer(tableId, body, { id, number, total, createdAt })
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  } finally {
    client.release()
  }
}

const app = orderApp(place)

await listenAndAnnounce(app, () => { void pool.end() })
