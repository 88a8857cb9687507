// GET /media/uploads/:file: dish photos managers uploaded, from the configured store (files under DATA_DIR/media/uploads,
// or the database on PostgreSQL, where every process serves every photo).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errorResponses } from '../../lib/route-schemas.js'
import { TYPE_OF_EXTENSION, UPLOAD_FILE_PATTERN } from '../../lib/image-uploads.js'
import { mediaStoreFor } from '../../lib/database-media-store.js'
import { NotFoundError } from '../../errors.js'
import { matchesEtag } from '../api/menu/index.js'

/** A year, immutable: the name is the content's hash, so a file never changes under its URL. */
export const UPLOAD_CACHE_CONTROL = 'public, max-age=31536000, immutable'

const ParamsSchema = Type.Object({
  file: Type.String({ pattern: UPLOAD_FILE_PATTERN }),
}, { additionalProperties: false })

const uploads: FastifyPluginAsyncTypebox = async (fastify) => {
  // Global: photos are content-addressed (`media_blobs` has no store), and a picture URL needs no session.
  const media = mediaStoreFor(fastify.config, () => fastify.database.db)

  fastify.get('/:file', {
    schema: {
      params: ParamsSchema,
      response: { 200: Type.Unknown({ description: 'the picture bytes' }), 304: Type.Null(), ...errorResponses(400, 404) },
    },
  }, async (request, reply) => {
    const name = request.params.file
    const etag = `"${name.slice(0, 64)}"`
    const bytes = await media.read(name)
    if (!bytes) throw new NotFoundError('Picture')
    // nosniff: browsers must take the checked type at its word and never guess a script out of a picture.
    reply.header('cache-control', UPLOAD_CACHE_CONTROL).header('etag', etag).header('x-content-type-options', 'nosniff')
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send(null)
    const extension = name.slice(name.lastIndexOf('.') + 1)
    return reply.type(TYPE_OF_EXTENSION[extension]!).send(bytes)
  })
}

export default uploads
