// GET /media/dishes/:id.svg: the generated picture of a dish (demo art, or a placeholder plate), drawn once and kept in memory.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errorResponses } from '../../lib/route-schemas.js'
import { sha256 } from '../../lib/tokens.js'
import { dishEverExisted } from '../../repositories/menu.js'
import { NotFoundError } from '../../errors.js'
import { DEMO_DISH_ART } from '../../seed/demo-menu.js'
import { renderDishArt, type DishArt } from '../../seed/dish-art.js'
import { PLACEHOLDER_DISH_ART } from '../../seed/art/placeholder.js'
import { IdParamsSchema } from '#shared/schemas/common.js'

/**
 * A month: tablets cache menu pictures (the service worker too). A picture never changes under
 * its URL except when a new release redraws it, and the ETag lets that revalidate cheaply.
 */
export const DISH_IMAGE_CACHE_CONTROL = 'public, max-age=2592000'

const dishes: FastifyPluginAsyncTypebox = async (fastify) => {
  const drawn = new Map<string, { svg: string, etag: string }>()

  /** Only ids of real dishes (removed ones too: a cached menu may still ask) are drawn and remembered. */
  async function artOf (id: string): Promise<DishArt | null> {
    const demo = DEMO_DISH_ART.get(id)
    if (demo) return demo
    // The root handle: a picture URL carries no session, and dish ids are global random ids.
    return await dishEverExisted(fastify.database.db, id) ? PLACEHOLDER_DISH_ART : null
  }

  async function picture (id: string): Promise<{ svg: string, etag: string } | null> {
    const cached = drawn.get(id)
    if (cached) return cached
    const art = await artOf(id)
    if (!art) return null
    const svg = renderDishArt(art, id)
    const entry = { svg, etag: `"${sha256(svg).slice(0, 16)}"` }
    drawn.set(id, entry)
    return entry
  }

  fastify.get('/:id.svg', {
    schema: {
      params: IdParamsSchema,
      response: { 200: Type.String(), 304: Type.Null(), ...errorResponses(400, 404) },
    },
  }, async (request, reply) => {
    const entry = await picture(request.params.id)
    if (!entry) throw new NotFoundError('Dish image')
    reply.header('cache-control', DISH_IMAGE_CACHE_CONTROL).header('etag', entry.etag)
    if (request.headers['if-none-match'] === entry.etag) return reply.code(304).send(null)
    return reply.type('image/svg+xml; charset=utf-8').send(entry.svg)
  })
}

export default dishes
