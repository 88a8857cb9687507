// One hostile request for a route: its parameters, query, cookies, headers and body all drawn at random.
import type { Random } from '../random.js'
import type { Route } from './routes.js'
import { forgedNotification, garbledCookie, hostileParam, hostileQuery, poisonedBody, type Body, type KnownIds } from './payloads.js'

export interface Credentials {
  /** `tp_device=…` of a paired tablet. */
  device: string
  /** `tp_staff=…` of a logged-in manager. */
  staff: string
}

export interface HostileRequest {
  method: string
  path: string
  headers: Record<string, string>
  body?: string
  /** What was hostile about it, for the summary. */
  kinds: string[]
  /** Trickle the body over a few seconds. */
  slow: boolean
}

const READS = new Set(['GET', 'HEAD'])
/** Methods a route does not have: the router must answer them as unknown, not fall over. */
const STRAY_METHODS = ['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND']

function realIdFor (path: string, param: string, ids: KnownIds): string | null {
  if (param === 'file') return null
  if (path.includes('/orders')) return ids.orderId
  if (path.includes('/tables')) return ids.tableId
  if (path.includes('/devices')) return ids.deviceId
  if (path.includes('/members')) return ids.staffId
  if (path.includes('/media/dishes') || path.includes('/menu/items')) return ids.itemId
  return null
}

export function hostileRequest (route: Route, random: Random, ids: KnownIds, credentials: Credentials, slowAllowed: boolean): HostileRequest {
  const kinds: string[] = []
  const method = random.chance(0.04) ? random.pick(STRAY_METHODS) : route.method
  if (method !== route.method) kinds.push('stray-method')
  const isRead = READS.has(method)

  // Parameters: a real id only where nothing can change; traversal and odd values everywhere.
  let path = route.path.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const param = hostileParam(random, name, isRead ? realIdFor(route.path, name, ids) : null)
    kinds.push(param.kind)
    return param.value
  })
  if (random.chance(0.25)) {
    path += hostileQuery(random)
    kinds.push('hostile-query')
  }

  const headers: Record<string, string> = {}
  switch (random.int(0, 4)) {
    case 0: break
    case 1: headers.cookie = garbledCookie(random, credentials); kinds.push('garbled-cookie'); break
    case 2: headers.cookie = credentials.device; break
    case 3: headers.cookie = credentials.staff; break
    default: headers.cookie = `${credentials.device}; ${credentials.staff}`
  }
  if (random.chance(0.04)) {
    headers['x-huge'] = 'h'.repeat(random.pick([9000, 20_000, 70_000]))
    kinds.push('huge-header')
  }
  if (random.chance(0.03)) {
    for (let i = 0; i < 150; i++) headers[`x-many-${i}`] = String(i)
    kinds.push('many-headers')
  }
  if (random.chance(0.05)) {
    headers[random.pick(['x-unsent-orders', 'x-app-version', 'last-event-id', 'if-none-match', 'accept', 'origin', 'x-forwarded-for'])] =
      random.pick(['-1', '1e9', '\u00ff\u00fe', '*', '../../', '"etag', 'x'.repeat(500)])
    kinds.push('odd-header')
  }

  // Bodies: every request that could change something carries one no route accepts.
  let body: Body | undefined
  if (route.path === '/api/alipay/notify' && method === 'POST') body = forgedNotification(random, ids)
  else if (!isRead) body = poisonedBody(`${route.method} ${route.path}`, ids, random)
  else if (random.chance(0.05)) body = poisonedBody(`${route.method} ${route.path}`, ids, random)
  if (body) {
    if (body.contentType !== null) headers['content-type'] = body.contentType
    kinds.push(body.kind)
  }
  const slow = slowAllowed && body !== undefined && !isRead
  if (slow) kinds.push('slow-body')
  return { method, path, headers, ...(body ? { body: body.text } : {}), kinds, slow }
}
