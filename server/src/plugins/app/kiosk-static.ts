// Serves the built kiosk app (assets, the service worker, index.html for the app's own routes),
// text files precompressed.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import fp from 'fastify-plugin'
import { kioskDistDir } from '../../lib/paths.js'

/** Client-side routes of the three faces; everything else unknown stays a 404. */
const APP_ROUTES = ['/staff', '/staff/*', '/t/*']

export default fp<{ root?: string }>(async (fastify, options) => {
  const root = options.root ?? kioskDistDir()
  if (!existsSync(join(root, 'index.html'))) {
    fastify.log.warn({ root }, 'kiosk app not built: run `npm run build` to serve it')
    return
  }
  await fastify.register(fastifyStatic, {
    root,
    wildcard: false,
    // `npm run build` writes .br and .gz beside each text file (server/scripts/precompress.ts);
    // they are sent as the client accepts, with `Vary: accept-encoding`, and the plain file otherwise.
    preCompressed: true,
    setHeaders (reply, path) {
      // The shell and the service worker must be revalidated so updates reach tablets;
      // hashed assets never change and are cached for a year.
      if (/[/\\]assets[/\\]/.test(path)) reply.header('cache-control', 'public, max-age=31536000, immutable')
      else reply.header('cache-control', 'no-cache')
    },
  })
  for (const url of APP_ROUTES) {
    fastify.get(url, (_request, reply) => reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html'))
  }
}, { name: 'kiosk-static' })
