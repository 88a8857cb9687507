// GET /api/menu: the whole menu for tablets (registered, paired or not) and the staff console, with ETag.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { errorResponses } from '../../../lib/route-schemas.js'
import { STAFF_COOKIE } from '../../../lib/cookies.js'
import { getMenuVersion, loadMenuContent } from '../../../repositories/menu.js'
import { LOCALES } from '#shared/schemas/common.js'
import { MenuSchema, type Menu } from '#shared/schemas/menu.js'

/** True when the client's cached copy (If-None-Match) is still the current version. */
export function matchesEtag (ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  return ifNoneMatch.split(',').some(tag => {
    const value = tag.trim()
    return value === '*' || value === etag || value === `W/${etag}`
  })
}

const menu: FastifyPluginAsyncTypebox = async (fastify) => {
  /** A tablet reads the menu to show it; staff read it to mark dishes sold out. */
  async function tabletOrStaff (request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const staff = await fastify.findStaffBySession(request.cookies[STAFF_COOKIE])
    if (staff) {
      request.staff = staff
      return
    }
    await fastify.requireDevice(request, reply)
  }

  fastify.get('/', {
    preHandler: tabletOrStaff,
    schema: {
      querystring: Type.Object({}, { additionalProperties: false }),
      response: { 200: MenuSchema, 304: Type.Null(), ...errorResponses(400, 401) },
    },
  }, async (request, reply) => {
    // Cheap check first: most refreshes (start-up, reconnects) find the menu unchanged.
    const current = await getMenuVersion(fastify.db)
    reply.header('cache-control', 'no-cache')
    if (matchesEtag(request.headers['if-none-match'], `"${current}"`)) {
      return reply.code(304).header('etag', `"${current}"`).send(null)
    }
    // Version and content read in one transaction, so the ETag always describes this body.
    const body = await fastify.db.transaction().execute(async (trx): Promise<Menu> => {
      const version = await getMenuVersion(trx)
      const { categories, items } = await loadMenuContent(trx)
      return { version, currency: fastify.config.store.currency, locales: [...LOCALES], categories, items }
    })
    return reply.header('etag', `"${body.version}"`).send(body)
  })
}

export default menu
