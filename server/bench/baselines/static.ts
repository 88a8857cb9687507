// Bare static server for the minimal app: precompressed files (brotli, gzip), immutable hashed assets, SPA fallback.
import Fastify from 'fastify'
import fastifyStatic from '@fastify/static'
import { env, listenAndAnnounce } from './ready.js'

const root = env('BENCH_STATIC_DIR')
const app = Fastify({ logger: false })
await app.register(fastifyStatic, {
  root,
  preCompressed: true,
  setHeaders: (reply, path) => {
    reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
  },
})
// Client-side routes (the minimal app's /menu) load the one page.
app.setNotFoundHandler((_request, reply) => reply.type('text/html').sendFile('index.html'))

await listenAndAnnounce(app)
