// Bare baseline for verified notifications: Fastify, the form parsed, RSA2 (SHA256withRSA) verified over the sorted
// fields, one row inserted at synchronous=FULL, `success`.
import Database from 'better-sqlite3'
import Fastify from 'fastify'
import { createPublicKey, createVerify } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { env, listenAndAnnounce } from './ready.js'

const key = createPublicKey(readFileSync(env('BENCH_ALIPAY_PUBLIC_KEY_FILE'), 'utf8'))
const db = new Database(join(env('BENCH_DATA_DIR'), 'notify.db'))
db.pragma('journal_mode = WAL')
db.pragma('synchronous = FULL')
db.exec('CREATE TABLE IF NOT EXISTS notifications (id INTEGER PRIMARY KEY, notify_id TEXT, out_trade_no TEXT NOT NULL, trade_status TEXT, received_at TEXT NOT NULL)')
const insert = db.prepare('INSERT INTO notifications (notify_id, out_trade_no, trade_status, received_at) VALUES (?, ?, ?, ?)')

const app = Fastify({ logger: false })
app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_request, body, done) => done(null, body))
app.post('/api/alipay/notify', async (request, reply) => {
  const fields = Object.fromEntries(new URLSearchParams((request.body as Buffer).toString('utf8')))
  const content = Object.keys(fields).filter(name => name !== 'sign' && name !== 'sign_type').sort()
    .map(name => `${name}=${fields[name]}`).join('&')
  const ok = typeof fields.sign === 'string' && createVerify('RSA-SHA256').update(content, 'utf8').verify(key, fields.sign, 'base64')
  if (!ok || !fields.out_trade_no) return reply.type('text/plain').send('fail')
  insert.run(fields.notify_id ?? null, fields.out_trade_no, fields.trade_status ?? null, new Date().toISOString())
  return reply.type('text/plain').send('success')
})

await listenAndAnnounce(app, () => db.close())
