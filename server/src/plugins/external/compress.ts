// Compresses JSON (and other text) answers of 1 KB or more with brotli or gzip, as the client accepts.
import compress from '@fastify/compress'
import fp from 'fastify-plugin'

/** Below this, headers and the compression frame outweigh the bytes saved. */
export const COMPRESS_THRESHOLD_BYTES = 1024

export default fp(async (fastify) => {
  await fastify.register(compress, {
    threshold: COMPRESS_THRESHOLD_BYTES,
    encodings: ['br', 'gzip'],
    // The plugin's default text/* pattern already leaves text/event-stream alone; event streams are
    // also written on the raw socket (lib/event-stream.ts), which no onSend hook sees.
    // Request bodies are never compressed by our clients: leave the inflating path closed.
    globalDecompression: false,
  })
}, { name: 'compress' })
