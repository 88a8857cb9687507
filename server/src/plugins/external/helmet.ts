// Security headers and a CSP (docs/architecture.md, "Security"). QR codes and dish images are same-origin or data: URLs.
import helmet from '@fastify/helmet'
import fp from 'fastify-plugin'

export default fp(async (fastify) => {
  await fastify.register(helmet, {
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
  })
}, { name: 'helmet' })
