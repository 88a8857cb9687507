// Bare baseline for the sold-out fan-out: an SSE endpoint and a POST that writes one event to every open stream.
import Fastify from 'fastify'
import type { ServerResponse } from 'node:http'
import { listenAndAnnounce } from './ready.js'

const streams = new Set<ServerResponse>()
let id = 0

const app = Fastify({ logger: false, forceCloseConnections: true })
app.get('/api/events', (request, reply) => {
  reply.hijack()
  const raw = reply.raw
  raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive' })
  raw.write(`retry: 3000\n\nid: ${id}\nevent: ready\ndata: {}\n\n`)
  streams.add(raw)
  raw.on('close', () => streams.delete(raw))
})
app.post('/fanout', async (_request, reply) => {
  id++
  const frame = `id: ${id}\nevent: menu.changed\ndata: {"version":"v${id}"}\n\n`
  for (const raw of streams) raw.write(frame)
  return reply.code(204).send()
})
app.get('/health', async () => ({ streams: streams.size }))

await listenAndAnnounce(app)
