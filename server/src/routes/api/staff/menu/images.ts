// PUT /api/staff/menu/items/:id/image: a manager uploads a dish photo as the raw request body (PNG, JPEG or WebP).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorResponses } from '../../../../lib/route-schemas.js'
import { hasImageSignature, menuImageType } from '../../../../lib/image-uploads.js'
import { mediaStoreFor } from '../../../../lib/database-media-store.js'
import { dishExists } from '../../../../repositories/menu-editing.js'
import { setDishImage } from '../../../../services/menu-editing.js'
import { ImageInvalidError, NotFoundError, UnsupportedMediaTypeError } from '../../../../errors.js'
import { IdParamsSchema } from '#shared/schemas/common.js'
import { MAX_MENU_IMAGE_BYTES, MENU_IMAGE_TYPES, MenuItemSchema } from '#shared/schemas/menu.js'
import { storeOf } from '../../../store-of.js'

const images: FastifyPluginAsyncTypebox = async (fastify) => {
  // Photos are content-addressed and global (`media_blobs`): the same bytes are one blob whichever store uploads them.
  const media = mediaStoreFor(fastify.config, () => fastify.database.db)
  // Raw picture bytes are accepted here only; JSON is not (every other route stays JSON-only).
  fastify.removeAllContentTypeParsers()
  fastify.addContentTypeParser([...MENU_IMAGE_TYPES], { parseAs: 'buffer' }, (_request, body, done) => { done(null, body) })

  fastify.put('/items/:id/image', {
    // Checked before the body is read: nobody else gets to send us 2 MB.
    onRequest: fastify.requireManager,
    bodyLimit: MAX_MENU_IMAGE_BYTES,
    schema: {
      params: IdParamsSchema,
      response: { 200: MenuItemSchema, ...errorResponses(400, 401, 403, 404, 413, 415) },
    },
  }, async (request) => {
    const type = menuImageType(request.headers['content-type'])
    if (!type || !Buffer.isBuffer(request.body)) throw new UnsupportedMediaTypeError(`Send the picture itself as ${MENU_IMAGE_TYPES.join(', ')}`)
    if (!hasImageSignature(type, request.body)) throw new ImageInvalidError(type)
    // Checked before storing, so unknown dishes leave no stray files behind.
    const store = storeOf(request)
    if (!await dishExists(store.db, request.params.id)) throw new NotFoundError('Dish')
    const path = await media.save(type, request.body)
    return setDishImage(store, request.params.id, path)
  })
}

export default images
