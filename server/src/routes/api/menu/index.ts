// GET /api/menu: the whole menu for tablets (registered, paired or not) and the staff console, with ETag.
import { inTransaction } from '../../../db/transaction.js'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { errorResponses } from '../../../lib/route-schemas.js'
import { STAFF_COOKIE } from '../../../lib/cookies.js'
import { isPhoneRequest } from '../../../lib/phone-request.js'
import { preferredCoding } from '../../../lib/content-coding.js'
import { getMenuVersion, loadMenuContent, readMenuVersion } from '../../../repositories/menu.js'
import { MenuBodyCache, menuBodyBytes, type LoadedMenu } from '../../../services/menu-body.js'
import { LOCALES } from '#shared/schemas/common.js'
import { MenuSchema, type Menu } from '#shared/schemas/menu.js'
import { storeOf } from '../../store-of.js'

/** True when the client's cached copy (If-None-Match) is still the current version. */
export function matchesEtag (ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  return ifNoneMatch.split(',').some(tag => {
    const value = tag.trim()
    return value === '*' || value === etag || value === `W/${etag}`
  })
}

const menu: FastifyPluginAsyncTypebox = async (fastify) => {
  // One per store and process: each checks its store's version row itself on every request.
  const caches = new Map<string, MenuBodyCache>()
  function bodiesOf (storeId: string): MenuBodyCache {
    let cache = caches.get(storeId)
    if (!cache) caches.set(storeId, cache = new MenuBodyCache())
    return cache
  }

  /** A tablet (paired or not) or a diner's phone reads the menu to show it; staff read it to mark dishes sold out. */
  async function tabletOrStaff (request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (request.cookies[STAFF_COOKIE] !== undefined && await fastify.identifyStaff(request)) return
    if (isPhoneRequest(request)) await fastify.requireTableSession(request, reply)
    else await fastify.requireDevice(request, reply)
  }

  fastify.get('/', {
    preHandler: tabletOrStaff,
    // The body is compressed once per version below, not on every answer by @fastify/compress.
    compress: false,
    schema: {
      querystring: Type.Object({}, { additionalProperties: false }),
      // 304 has no body; the 200 schema serialises each new version once (see `load`).
      response: { 200: MenuSchema, 304: Type.Null(), ...errorResponses(400, 401) },
    },
  }, async (request, reply) => {
    // The typed reply takes a Menu object only; the cached bytes, and a 304 without any body, bypass it.
    const bytesReply: FastifyReply = reply
    // A tablet no store has paired yet shows the default store's menu behind its pairing screen (it holds no other).
    const store = request.device && !request.store ? fastify.store : storeOf(request)
    const current = await readMenuVersion(store.db)
    reply.header('cache-control', 'no-cache').header('vary', 'accept-encoding')
    // Most requests are refreshes (start-up, reconnects) that find the menu unchanged. Only after the session
    // lookup: the tag is compared with THIS store's version, so another store's menu never confirms a tablet's copy.
    // `*` proves holding nothing: only a real ETag.
    const ifNoneMatch = request.headers['if-none-match']
    if (current !== null && ifNoneMatch && ifNoneMatch.trim() !== '*' && matchesEtag(ifNoneMatch, `"${current}"`)) {
      return bytesReply.code(304).header('etag', `"${current}"`).send()
    }
    // Version and content read in one transaction, so the ETag always describes this body.
    const load = async (): Promise<LoadedMenu> => {
      // Once a version exists this only reads: on PostgreSQL one snapshot without the writer lock, so menu loads
      // never wait for orders. The very first load writes the first version.
      const body = await inTransaction(store.db, async (trx): Promise<Menu> => {
        const version = await getMenuVersion(trx)
        const { categories, items } = await loadMenuContent(trx)
        return { version, currency: store.settings.currency, locales: [...LOCALES], categories, items }
      }, { readOnly: current !== null })
      // A schema serialiser returns text.
      return { version: body.version, json: reply.serialize(body) as string }
    }
    // Before the first version exists there is nothing to key a cache on: `load` creates it.
    const body = await bodiesOf(store.id).get(current ?? '', load)
    const coding = preferredCoding(request.headers['accept-encoding'])
    if (coding) reply.header('content-encoding', coding)
    return bytesReply.header('etag', body.etag).type('application/json; charset=utf-8').send(menuBodyBytes(body, coding))
  })
}

export default menu
