// Every route of the running app, read from Fastify's own route tree (printRoutes), so a route
// added later is attacked without anyone remembering to list it.
import type { FastifyInstance } from 'fastify'

export interface Route {
  method: string
  /** With Fastify's placeholders, e.g. /api/orders/:id/payments. */
  path: string
}

/**
 * Parses the radix tree Fastify prints: each level indents by four characters and adds its label to
 * its parent's (`s` → `taff` → `/` → `*` is /staff/*); a node with methods in brackets is a route.
 * (The `commonPrefix: false` form reads more easily but drops prefixes of wildcard routes.)
 */
export function parseRouteTree (tree: string): Route[] {
  const routes: Route[] = []
  const stack: string[] = []
  for (const line of tree.split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line)
    if (!match) continue
    const depth = match[1]!.length / 4
    stack.length = depth
    const path = `${stack.join('')}${match[2]!}`
    stack.push(match[2]!)
    for (const method of (match[3] ?? '').split(',').map(m => m.trim()).filter(Boolean)) routes.push({ method, path })
  }
  return routes
}

export function appRoutes (app: FastifyInstance): Route[] {
  // Hashed kiosk assets are static files with nothing to validate: one of them stands for all.
  let assets = 0
  const routes = parseRouteTree(app.printRoutes())
    .filter(route => !route.path.startsWith('/assets/') || assets++ < 2)
  // The parse is checked against the router itself: a misread tree must not shrink the attack quietly.
  for (const route of routes) {
    if (!app.hasRoute({ method: route.method as 'GET', url: route.path })) throw new Error(`route tree misread: ${route.method} ${route.path}`)
  }
  if (routes.length < 40) throw new Error(`only ${routes.length} routes read from the route tree`)
  return routes
}
