// The store a request acts in, as the auth hooks set it (`request.store`): every route reads and writes through
// its handle and services, never through the app-wide decorators (those are the default store's).
import type { FastifyRequest } from 'fastify'
import type { StoreContext } from '../stores/store-context.js'

/**
 * The request's store. The route's auth preHandler sets it, so its absence is a wiring bug (a route without
 * its preHandler), answered 500 with a clear log line rather than a query against the wrong store.
 */
export function storeOf (request: FastifyRequest): StoreContext {
  if (!request.store) throw new Error(`${request.method} ${request.routeOptions.url ?? request.url}: no store on the request (is its auth preHandler missing?)`)
  return request.store
}
