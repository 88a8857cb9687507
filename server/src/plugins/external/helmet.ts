// Security headers and a CSP (docs/architecture.md, "Security"). QR codes and dish images are same-origin or data: URLs.
// Helmet's own Fastify plugin builds the whole header set again on every request (a fifth of a 304's CPU);
// our headers never vary by request, so helmet computes them once here and each reply copies them.
import fp from 'fastify-plugin'
import helmet, { type HelmetOptions } from 'helmet'

const OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      styleSrc: ["'self'", "'unsafe-inline'"],
      scriptSrc: ["'self'"],
      connectSrc: ["'self'"],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      // The tablet is served over plain http on a restaurant LAN: do not force https sub-requests.
      upgradeInsecureRequests: null,
    },
  },
  // Same reason: HSTS on a LAN address would lock tablets out.
  strictTransportSecurity: false,
  crossOriginEmbedderPolicy: false,
}

/** The headers helmet sets for OPTIONS, read once from a response stand-in. */
export function securityHeaders (options: HelmetOptions = OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {}
  const response = {
    setHeader (name: string, value: string) { headers[name.toLowerCase()] = String(value) },
    removeHeader (name: string) { Reflect.deleteProperty(headers, name.toLowerCase()) },
  }
  let failure: unknown = null
  helmet(options)({} as never, response as never, (error?: unknown) => { failure = error ?? null })
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure))
  return headers
}

export default fp(async (fastify) => {
  const headers = securityHeaders()
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers)
    done()
  })
}, { name: 'helmet' })
