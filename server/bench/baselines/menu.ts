// Bare baseline for GET /api/menu: Fastify sending the same bytes, compressed once at start (brotli, gzip), and 304.
import Fastify from 'fastify'
import { readFileSync } from 'node:fs'
import { brotliCompressSync, gzipSync, constants } from 'node:zlib'
import { env, listenAndAnnounce } from './ready.js'

const body = readFileSync(env('BENCH_MENU_FILE'))
const etag = env('BENCH_MENU_ETAG')
const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
const gzip = gzipSync(body, { level: 9 })

const app = Fastify({ logger: false })
app.get('/api/menu', async (request, reply) => {
  reply.header('cache-control', 'no-cache').header('etag', etag).header('vary', 'accept-encoding')
  if (request.headers['if-none-match'] === etag) return reply.code(304).send()
  reply.type('application/json; charset=utf-8')
  const accepted = request.headers['accept-encoding'] ?? ''
  if (/\bbr\b/.test(accepted)) return reply.header('content-encoding', 'br').send(br)
  if (/\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(gzip)
  return reply.send(body)
})

await listenAndAnnounce(app)
